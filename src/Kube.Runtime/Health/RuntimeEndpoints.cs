using System.Text;
using Kube.Runtime.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kube.Runtime.Health;

/// <summary>
/// /metrics (Prometheus text), /healthz (liveness: checks tagged <see cref="LiveTag"/>) and /readyz
/// (checks tagged <see cref="ReadyTag"/>: informers synced, leadership). Map them on a controller's
/// own server, or let <c>RuntimeOptions</c> bind a separate one.
/// </summary>
public static class RuntimeEndpoints
{
    public const string LiveTag = "live";

    public const string ReadyTag = "ready";

    public static IEndpointRouteBuilder MapKubeRuntimeMetrics(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var metrics = endpoints.ServiceProvider.GetRequiredService<RuntimeMetrics>();
        endpoints.MapGet("/metrics", context => WriteMetricsAsync(context, metrics));
        return endpoints;
    }

    public static IEndpointRouteBuilder MapKubeRuntimeProbes(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var health = endpoints.ServiceProvider.GetRequiredService<HealthCheckService>();
        endpoints.MapGet("/healthz", context => WriteHealthAsync(context, health, LiveTag));
        endpoints.MapGet("/readyz", context => WriteHealthAsync(context, health, ReadyTag));
        return endpoints;
    }

    internal static async Task WriteMetricsAsync(HttpContext context, RuntimeMetrics metrics)
    {
        context.Response.ContentType = "text/plain; version=0.0.4; charset=utf-8";
        await metrics.ExportAsync(context.Response.Body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>"ok" with 200, or 503 listing each failing check, like kube-apiserver's verbose probes.</summary>
    internal static async Task WriteHealthAsync(HttpContext context, HealthCheckService health, string tag)
    {
        var report = await health.CheckHealthAsync(r => r.Tags.Contains(tag), context.RequestAborted).ConfigureAwait(false);
        var text = new StringBuilder();
        foreach (var (name, entry) in report.Entries)
        {
            text.Append(entry.Status == HealthStatus.Healthy ? "[+]" : "[-]").Append(name)
                .Append(entry.Status == HealthStatus.Healthy ? " ok" : " failed: " + entry.Description).Append('\n');
        }

        var ok = report.Status == HealthStatus.Healthy;
        context.Response.StatusCode = ok ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "text/plain; charset=utf-8";
        text.Append(ok ? "ok\n" : "not ok\n");
        await context.Response.WriteAsync(text.ToString(), context.RequestAborted).ConfigureAwait(false);
    }
}
