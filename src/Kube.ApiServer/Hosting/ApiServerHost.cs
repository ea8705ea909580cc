using System.Net;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Kube.ApiServer.Auth;
using Kube.ApiServer.Crd;
using Kube.ApiServer.Gc;
using Kube.ApiServer.Http;
using Kube.ApiServer.Proxy;
using Kube.ApiServer.Resources;
using Kube.ApiServer.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kube.ApiServer.Hosting;

/// <summary>
/// The embedded Kubernetes-compatible API server, running in this process: HTTPS on a loopback
/// port with a generated CA, a bearer token, SQLite or in-memory storage, and the built-in
/// controllers (garbage collector, namespace cleanup). Start with <see cref="StartAsync"/>;
/// <see cref="KubeconfigYaml"/> is what <c>kubectl</c> and the C# client need.
/// </summary>
public sealed class ApiServerHost : IAsyncDisposable
{
    /// <summary>Issuer of service account tokens; fixed, like a real cluster's default, so tokens survive port changes.</summary>
    public const string TokenIssuerName = "https://kubernetes.default.svc.cluster.local";

    private static readonly string[] InitialNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"];

    private readonly IHost _app;
    private readonly ObjectStore _store;
    private readonly TlsMaterial _tls;
    private readonly RSA _signingKey;
    private readonly Lazy<HttpClient> _proxyClient;
    private readonly CancellationTokenSource _stopping;
    private readonly Task _gc;
    private int _disposed;

    private ApiServerHost(IHost app, ObjectStore store, TlsMaterial tls, RSA signingKey, Lazy<HttpClient> proxyClient, Task gc, Uri baseAddress, string token, string? kubeconfigPath, CancellationTokenSource stopping)
    {
        _app = app;
        _store = store;
        _tls = tls;
        _signingKey = signingKey;
        _proxyClient = proxyClient;
        _gc = gc;
        _stopping = stopping;
        BaseAddress = baseAddress;
        Token = token;
        KubeconfigPath = kubeconfigPath;
        KubeconfigYaml = Kubeconfig.Render(baseAddress, tls.CaPem, token);
    }

    /// <summary>https://127.0.0.1:port</summary>
    public Uri BaseAddress { get; }

    /// <summary>The admin bearer token (also in the kubeconfig).</summary>
    public string Token { get; }

    /// <summary>PEM of the CA that signed the serving certificate.</summary>
    public string CaCertificatePem => _tls.CaPem;

    /// <summary>The kubeconfig file written on start, when a path or data directory was given.</summary>
    public string? KubeconfigPath { get; }

    public string KubeconfigYaml { get; }

    /// <summary>The current global revision (the resourceVersion of the last write).</summary>
    public long Revision => _store.Revision;

    public static async Task<ApiServerHost> StartAsync(ApiServerOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!IPAddress.IsLoopback(options.Address))
        {
            throw new ArgumentException($"the embedded API server only listens on loopback addresses, not {options.Address}", nameof(options));
        }

        var dir = options.DataDirectory;
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(dir, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        var time = options.TimeProvider;
        var loggerFactory = options.LoggerFactory ?? NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger("Kube.ApiServer");
        var token = LoadOrCreateSecret(dir, "token", () => Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant());
        var signingKey = RSA.Create(2048);
        var keyPem = LoadOrCreateSecret(dir, "sa.key", () => signingKey.ExportPkcs8PrivateKeyPem());
        signingKey.ImportFromPem(keyPem);
        var tls = TlsMaterial.LoadOrCreate(dir, time.GetUtcNow());
        var store = new ObjectStore(options.InMemory || dir is null ? null : Path.Combine(dir, "state.db"), options.WatchHistory);
        var registry = new ResourceRegistry(BuiltinResources.Create());
        foreach (var crd in store.List("apiextensions.k8s.io/customresourcedefinitions", null, out _))
        {
            var obj = JsonObjects.ParseStored(crd.Json);
            registry.SetCustom(crd.Name, CrdDefinitions.ToResourceTypes(obj));
        }

        var objects = new ObjectService(store, registry, time);
        var nsType = registry.Find(string.Empty, "v1", "namespaces")!;
        foreach (var ns in InitialNamespaces)
        {
            if (store.Get(nsType.StorageKey, string.Empty, ns) is null)
            {
                await objects.CreateAsync(nsType, string.Empty, new JsonObject { ["metadata"] = new JsonObject { ["name"] = ns } },
                    new WriteOptions { FieldManager = "kube-apiserver" }, ct);
            }
        }

        var tokens = new TokenIssuer(signingKey, TokenIssuerName, time, store);
        // Created on the first services/proxy call: most servers never proxy, and building the client
        // at start loaded and touched System.Net.Http for nothing (docs/apiserver.md, "Memory").
        var proxyClient = new Lazy<HttpClient>(() => new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromMinutes(5) });
        var handler = new ApiHandler(objects, tokens, new ServiceProxy(proxyClient), token, time, logger, options.KubernetesMinor);

        // A bare generic host with a web host inside, not WebApplication: WebApplication's Build wires
        // routing, authentication and authorization checks (loading those assemblies) that a single
        // request delegate never uses (docs/apiserver.md, "Memory").
        var app = new HostBuilder()
            .ConfigureServices(services => services.AddSingleton(loggerFactory))
            .ConfigureWebHost(web => web
                .UseSetting(WebHostDefaults.PreventHostingStartupKey, "true")
                .UseKestrelCore()
                .ConfigureKestrel(k =>
                {
                    k.AddServerHeader = false;
                    k.Limits.MaxRequestBodySize = 4 * 1024 * 1024;
                    k.Limits.Http2.MaxStreamsPerConnection = 1000;
                    k.Listen(options.Address, options.Port, lo =>
                    {
                        lo.Protocols = HttpProtocols.Http1AndHttp2;
                        lo.UseHttps(tls.Serving);
                    });
                })
                .Configure(a => a.Run(handler.HandleAsync)))
            .Build();
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseAddress = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
        tokens.JwksUri = new Uri(baseAddress, "/openid/v1/jwks").ToString();

        var stopping = new CancellationTokenSource();
        var gc = new GarbageCollector(objects, logger);
        var expiry = new EventExpiry(objects, time, options.EventTtl);
        var gcTask = Task.WhenAll(
            Task.Run(() => gc.RunAsync(stopping.Token), CancellationToken.None),
            Task.Run(() => expiry.RunAsync(stopping.Token), CancellationToken.None));
        var kubeconfigPath = options.KubeconfigPath ?? (dir is null ? null : Path.Combine(dir, "kubeconfig"));
        var host = new ApiServerHost(app, store, tls, signingKey, proxyClient, gcTask, baseAddress, token, kubeconfigPath, stopping);
        if (kubeconfigPath is not null)
        {
            SecureFile.Write(kubeconfigPath, host.KubeconfigYaml);
        }

        return host;
    }

    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        try
        {
            await _gc;
        }
        catch (OperationCanceledException)
        {
            // Expected on shutdown.
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        _store.Dispose();
        await _app.StopAsync(timeout.Token);
        if (_app is IAsyncDisposable asyncDisposable)
        {
            await asyncDisposable.DisposeAsync();
        }
        else
        {
            _app.Dispose();
        }
        if (_proxyClient.IsValueCreated)
        {
            _proxyClient.Value.Dispose();
        }

        _tls.Dispose();
        _signingKey.Dispose();
        _stopping.Dispose();
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static string LoadOrCreateSecret(string? dir, string file, Func<string> create)
    {
        if (dir is null)
        {
            return create();
        }

        var path = Path.Combine(dir, file);
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        var value = create();
        SecureFile.Write(path, value);
        return value;
    }
}
