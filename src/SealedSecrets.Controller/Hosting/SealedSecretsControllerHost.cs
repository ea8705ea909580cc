using k8s;
using Kube.Runtime.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using SealedSecrets.Controller.Http;
using SealedSecrets.Controller.Keys;
using SealedSecrets.Controller.Metrics;
using SealedSecrets.Controller.Options;

namespace SealedSecrets.Controller.Hosting;

/// <summary>
/// The Sealed Secrets controller as one object: <c>sigil controller sealed-secrets</c>, <c>sigil up</c>,
/// the tests and the benchmarks start it the same way against whatever API server the client
/// points at. Dispose (or <see cref="StopAsync"/>) stops it cleanly: workers drain, the HTTP server
/// closes, the Lease is released.
/// </summary>
public sealed partial class SealedSecretsControllerHost : IAsyncDisposable
{
    private readonly IHost _host;
    private Kubernetes? _ownedClient;

    private SealedSecretsControllerHost(IHost host) => _host = host;

    /// <summary>The bound <c>--listen-addr</c> URL (with the real port when 0 was asked), or null when off.</summary>
    public Uri? HttpUrl => _host.Services.GetRequiredService<ControllerHttpServer>().Urls is { Count: > 0 } urls ? urls[0] : null;

    /// <summary>Fingerprint of the key that seals now.</summary>
    public string? LatestKeyFingerprint => _host.Services.GetRequiredService<KeyRegistry>().Latest?.Fingerprint;

    /// <summary>Number of keys loaded.</summary>
    public int KeyCount => _host.Services.GetRequiredService<KeyRegistry>().Count;

    /// <summary>RSA private-key attempts made by the unseal reconciler so far.</summary>
    public double RsaOperations => _host.Services.GetRequiredService<ControllerMetrics>().RsaOperations.Value;

    /// <summary>Reconciliations (unseal requests) run so far.</summary>
    public double Reconciles => _host.Services.GetRequiredService<ControllerMetrics>().UnsealRequests.Value;

    /// <summary>Secrets held in the controller's Secret cache (unrelated ones are not).</summary>
    public int CachedSecrets => _host.Services.GetRequiredService<Kube.Runtime.Informers.IInformer<k8s.Models.V1Secret>>().Count;

    /// <summary>Secret creates/updates/deletes and status writes made so far.</summary>
    public double Writes
    {
        get
        {
            var writes = _host.Services.GetRequiredService<ControllerMetrics>().SecretWrites;
            return writes.GetAllLabelValues().Sum(l => writes.WithLabels(l).Value);
        }
    }

    /// <summary>Whether this replica currently leads (always true without leader election).</summary>
    public bool IsLeader => _host.Services.GetRequiredService<Kube.Runtime.Leadership.ILeadership>().IsLeader;

    internal IServiceProvider Services => _host.Services;

    /// <summary>
    /// A client whose every request (lists, watches, reads, writes, Events, the Lease) passes one
    /// shared token bucket of <c>--kubeclient-qps</c> / <c>--kubeclient-burst</c>, as client-go's
    /// clientset shares one limiter (reference §3.1).
    /// </summary>
    public static Kubernetes CreateClient(KubernetesClientConfiguration config, SealedSecretsControllerOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(options);
        return new Kubernetes(config, new ClientRateLimitHandler(options.KubeclientQps, options.KubeclientBurst, time ?? TimeProvider.System));
    }

    /// <summary>
    /// Starts the controller with its own rate-limited client (<see cref="CreateClient"/>), disposed
    /// with the controller. This is how <c>sigil controller sealed-secrets</c> runs.
    /// </summary>
    public static async Task<SealedSecretsControllerHost> StartAsync(
        KubernetesClientConfiguration config,
        SealedSecretsControllerOptions options,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? time = null,
        CancellationToken cancellationToken = default)
    {
        var client = CreateClient(config, options, time);
        try
        {
            var host = await StartAsync(client, options, loggerFactory, time, cancellationToken).ConfigureAwait(false);
            host._ownedClient = client;
            return host;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Starts the controller; returns once keys are loaded and the HTTP server listens. With leader
    /// election the first key of an empty cluster is made by whichever replica leads, after this returns.
    /// </summary>
    public static async Task<SealedSecretsControllerHost> StartAsync(
        Kubernetes client,
        SealedSecretsControllerOptions options,
        ILoggerFactory? loggerFactory = null,
        TimeProvider? time = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        await DropMissingNamespacesAsync(client, options, (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<SealedSecretsControllerHost>(), cancellationToken).ConfigureAwait(false);
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Services.AddSingleton(loggerFactory ?? NullLoggerFactory.Instance);
        builder.Services.AddSingleton(typeof(ILogger<>), typeof(Logger<>));
        builder.Services.AddSingleton<IKubernetes>(client);
        builder.Services.AddSingleton(time ?? TimeProvider.System);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(15));
        builder.Services.AddSealedSecretsController(options);
        var host = builder.Build();
        await host.StartAsync(cancellationToken).ConfigureAwait(false);
        return new SealedSecretsControllerHost(host);
    }

    /// <summary>
    /// Upstream (reference §3.1): an <c>--additional-namespaces</c> entry naming a namespace that
    /// does not exist is logged and skipped. Removed from <paramref name="options"/> before the
    /// informers are configured.
    /// </summary>
    private static async Task DropMissingNamespacesAsync(Kubernetes client, SealedSecretsControllerOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        if (options.AdditionalNamespaces.Count == 0)
        {
            return;
        }
        var existing = new List<string>();
        foreach (var ns in options.AdditionalNamespaces.Distinct(StringComparer.Ordinal))
        {
            try
            {
                await client.CoreV1.ReadNamespaceAsync(ns, cancellationToken: cancellationToken).ConfigureAwait(false);
                existing.Add(ns);
            }
            catch (k8s.Autorest.HttpOperationException ex) when (ex.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                Log.NamespaceMissing(logger, ns);
            }
        }
        options.AdditionalNamespaces = existing;
    }

    /// <summary>Makes a new sealing key now (upstream: SIGUSR1).</summary>
    public void RenewKeyNow() => _host.Services.GetRequiredService<KeyRenewalService>().RenewNow();

    public async Task StopAsync(CancellationToken cancellationToken = default) =>
        await _host.StopAsync(cancellationToken).ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        await StopAsync().ConfigureAwait(false);
        _host.Dispose();
        _ownedClient?.Dispose();
    }

    private static partial class Log
    {
        [LoggerMessage(1001, LogLevel.Warning, "Namespace {Namespace} from --additional-namespaces does not exist; skipped")]
        public static partial void NamespaceMissing(ILogger logger, string @namespace);
    }
}
