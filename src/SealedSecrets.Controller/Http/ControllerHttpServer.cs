using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Kube.Runtime.Hosting;
using Microsoft.Extensions.Logging;
using SealedSecrets.Api;
using SealedSecrets.Api.Serialization;
using SealedSecrets.Controller.Keys;
using SealedSecrets.Controller.Metrics;
using SealedSecrets.Controller.Options;

namespace SealedSecrets.Controller.Http;

/// <summary>
/// The controller's HTTP API on <c>--listen-addr</c> (reference §3.5): <c>/healthz</c>,
/// <c>/v1/cert.pem</c>, <c>/v1/verify</c> and <c>/v1/rotate</c>, for any method as upstream.
/// Verify and rotate are rate-limited per path and <c>X-Forwarded-For</c> and take at most 1 MiB.
/// </summary>
internal sealed partial class ControllerHttpServer(
    KeyRegistry keys,
    Reencryption reencryption,
    ControllerMetrics metrics,
    SealedSecretsControllerOptions options,
    TimeProvider time,
    ILogger<ControllerHttpServer> logger) : IHostedService, IAsyncDisposable
{
    public const int MaxBodyBytes = 1 << 20;

    private readonly GcraRateLimiter _limiter = new(options.RateLimit, options.RateLimitBurst, time);
    private WebApplication? _app;

    /// <summary>The URLs bound after start (with the real port when 0 was asked).</summary>
    public IReadOnlyList<Uri> Urls { get; private set; } = [];

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (BindAddress.Parse(options.ListenAddr, "--listen-addr") is not { } url)
        {
            return;
        }
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = Environments.Production });
        builder.WebHost.UseUrls(url);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = MaxBodyBytes;
            k.Limits.RequestHeadersTimeout = options.ReadTimeout;
        });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IHostLifetime, PassiveLifetime>();
        var app = builder.Build();
        app.Map("/healthz", context => Measure(context, "/healthz", HealthzAsync));
        app.Map("/v1/cert.pem", context => Measure(context, "/v1/cert.pem", CertAsync));
        app.Map("/v1/verify", context => Measure(context, "/v1/verify", c => Limited(c, "/v1/verify", VerifyAsync)));
        app.Map("/v1/rotate", context => Measure(context, "/v1/rotate", c => Limited(c, "/v1/rotate", RotateAsync)));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        Urls = [.. (app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? []).Select(a => new Uri(a.Replace("[::]", "127.0.0.1", StringComparison.Ordinal)))];
        Log.Listening(logger, string.Join(", ", Urls));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
            _app = null;
        }
    }

    private static Task HealthzAsync(HttpContext context)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync("ok\n");
    }

    private Task CertAsync(HttpContext context)
    {
        if (keys.Latest is not { } latest)
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            return context.Response.WriteAsync("cannot get certificate\n");
        }
        context.Response.ContentType = "application/x-pem-file";
        return context.Response.WriteAsync(latest.CertificatePem);
    }

    private async Task VerifyAsync(HttpContext context)
    {
        if (await ReadAsync(context).ConfigureAwait(false) is not { } sealedSecret)
        {
            return;
        }
        context.Response.StatusCode = reencryption.CanDecrypt(sealedSecret) ? StatusCodes.Status200OK : StatusCodes.Status409Conflict;
    }

    private async Task RotateAsync(HttpContext context)
    {
        if (await ReadAsync(context).ConfigureAwait(false) is not { } sealedSecret)
        {
            return;
        }
        SealedSecret rotated;
        try
        {
            rotated = reencryption.Rotate(sealedSecret);
        }
        catch (SealedSecretException ex)
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsync($"error decrypting secret. {ex.Message}\n").ConfigureAwait(false);
            return;
        }
        context.Response.ContentType = "application/json";
        await context.Response.Body.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(rotated, SealedSecretsJsonContext.Default.SealedSecret)).ConfigureAwait(false);
    }

    private static async Task<SealedSecret?> ReadAsync(HttpContext context)
    {
        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
            body = buffer.ToArray();
        }
        catch (Exception ex) when (ex is IOException or BadHttpRequestException)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("cannot read the request body\n").ConfigureAwait(false);
            return null;
        }
        try
        {
            return SealedSecretDocument.Parse(body);
        }
        catch (FormatException ex)
        {
            context.Response.StatusCode = StatusCodes.Status500InternalServerError;
            await context.Response.WriteAsync(ex.Message + "\n").ConfigureAwait(false);
            return null;
        }
    }

    private Task Limited(HttpContext context, string path, Func<HttpContext, Task> next)
    {
        var client = context.Request.Headers["X-Forwarded-For"].ToString();
        if (_limiter.TryAcquire(path + "\n" + client))
        {
            return next(context);
        }
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        return context.Response.WriteAsync("limit exceeded\n");
    }

    private async Task Measure(HttpContext context, string path, Func<HttpContext, Task> handler)
    {
        var started = time.GetTimestamp();
        try
        {
            await handler(context).ConfigureAwait(false);
        }
        finally
        {
            metrics.HttpRequests.WithLabels(path, context.Response.StatusCode.ToString(CultureInfo.InvariantCulture), context.Request.Method).Inc();
            metrics.HttpDuration.WithLabels(path, context.Request.Method).Observe(time.GetElapsedTime(started).TotalSeconds);
        }
    }

    private sealed class PassiveLifetime : IHostLifetime
    {
        public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }

    private static partial class Log
    {
        [LoggerMessage(5001, LogLevel.Information, "HTTP server listening on {Urls}")]
        public static partial void Listening(ILogger logger, string urls);
    }
}
