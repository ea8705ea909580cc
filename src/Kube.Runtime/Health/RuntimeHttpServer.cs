using Kube.Runtime.Hosting;
using Kube.Runtime.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kube.Runtime.Health;

/// <summary>
/// A small Kestrel server for /metrics and the probes on the addresses in <see cref="RuntimeOptions"/>
/// (one server when both addresses are the same). Nothing listens when both are unset.
/// </summary>
internal sealed class RuntimeHttpServer(IOptions<RuntimeOptions> options, RuntimeMetrics metrics, HealthCheckService health) : IHostedService, IAsyncDisposable
{
    private readonly List<WebApplication> _apps = [];

    /// <summary>The URLs actually bound (with the real port when 0 was asked), after start.</summary>
    public IReadOnlyList<Uri> MetricsUrls { get; private set; } = [];

    public IReadOnlyList<Uri> ProbeUrls { get; private set; } = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var metricsUrl = BindAddress.Parse(options.Value.MetricsBindAddress, nameof(RuntimeOptions.MetricsBindAddress));
        var probesUrl = BindAddress.Parse(options.Value.HealthProbeBindAddress, nameof(RuntimeOptions.HealthProbeBindAddress));
        if (metricsUrl is not null && metricsUrl == probesUrl)
        {
            var both = await StartAppAsync(metricsUrl, serveMetrics: true, serveProbes: true, cancellationToken).ConfigureAwait(false);
            MetricsUrls = ProbeUrls = both;
            return;
        }

        if (metricsUrl is not null)
        {
            MetricsUrls = await StartAppAsync(metricsUrl, serveMetrics: true, serveProbes: false, cancellationToken).ConfigureAwait(false);
        }

        if (probesUrl is not null)
        {
            ProbeUrls = await StartAppAsync(probesUrl, serveMetrics: false, serveProbes: true, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        foreach (var app in _apps)
        {
            await app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var app in _apps)
        {
            await app.DisposeAsync().ConfigureAwait(false);
        }

        _apps.Clear();
    }

    private async Task<IReadOnlyList<Uri>> StartAppAsync(string url, bool serveMetrics, bool serveProbes, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();

        // The outer host owns Ctrl-C/SIGTERM handling; this inner one must not react to it.
        builder.Services.AddSingleton<IHostLifetime, PassiveLifetime>();
        var app = builder.Build();
        if (serveMetrics)
        {
            app.MapGet("/metrics", context => RuntimeEndpoints.WriteMetricsAsync(context, metrics));
        }

        if (serveProbes)
        {
            app.MapGet("/healthz", context => RuntimeEndpoints.WriteHealthAsync(context, health, RuntimeEndpoints.LiveTag));
            app.MapGet("/readyz", context => RuntimeEndpoints.WriteHealthAsync(context, health, RuntimeEndpoints.ReadyTag));
        }

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _apps.Add(app);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        return addresses.Select(a => new Uri(a)).ToList();
    }

    private sealed class PassiveLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
