using System.Diagnostics;
using System.Net.Http.Headers;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using YamlDotNet.RepresentationModel;
using Kube.ApiServer.Hosting;

namespace Sigil.Testing;

/// <summary>
/// A Kubernetes-compatible API server running in the test process (envtest's shape, with GC and
/// namespace deletion that envtest lacks): random loopback port, HTTPS with a generated CA, a
/// kubeconfig on disk, an official C# client, CRD installation, and real <c>kubectl</c> runs.
/// Dispose it to stop the server and delete its temp directory.
/// </summary>
public sealed class EmbeddedCluster : IAsyncDisposable
{
    private readonly bool _ownsDirectory;
    private Kubernetes? _client;

    private EmbeddedCluster(ApiServerHost server, string workDirectory, bool ownsDirectory)
    {
        Server = server;
        WorkDirectory = workDirectory;
        _ownsDirectory = ownsDirectory;
        KubeconfigPath = server.KubeconfigPath!;
    }

    public ApiServerHost Server { get; }

    /// <summary>The cluster's directory (kubeconfig, kubectl cache, SQLite when durable).</summary>
    public string WorkDirectory { get; }

    /// <summary>A kubeconfig (mode 0600) for this cluster: <c>KUBECONFIG=…</c> or <c>BuildConfigFromConfigFile</c>.</summary>
    public string KubeconfigPath { get; }

    /// <summary>A shared C# client for this cluster.</summary>
    public Kubernetes Client => _client ??= CreateClient();

    /// <summary>True when a <c>kubectl</c> binary is on PATH (tests that need it should skip otherwise).</summary>
    public static bool KubectlAvailable { get; } = FindOnPath("kubectl") is not null;

    public static async Task<EmbeddedCluster> StartAsync(EmbeddedClusterOptions? options = null, CancellationToken ct = default)
    {
        options ??= new EmbeddedClusterOptions();
        var owns = options.DataDirectory is null;
        var dir = options.DataDirectory ?? Path.Combine(Path.GetTempPath(), "sigil-cluster-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        var server = await ApiServerHost.StartAsync(new ApiServerOptions
        {
            DataDirectory = dir,
            InMemory = !options.Durable,
            Port = 0,
            WatchHistory = options.WatchHistory,
            KubernetesMinor = options.KubernetesMinor ?? Kube.ApiServer.ServerInfo.Minor,
            TimeProvider = options.TimeProvider ?? TimeProvider.System,
        }, ct);
        return new EmbeddedCluster(server, dir, owns);
    }

    /// <summary>A new client (each has its own HTTP connection pool).</summary>
    public Kubernetes CreateClient() => new(KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath));

    /// <summary>
    /// Installs the CustomResourceDefinitions in a YAML file or a directory of YAML files (multi-document
    /// allowed; non-CRD documents are ignored) and waits until each is Established.
    /// </summary>
    public async Task InstallCrdsAsync(string path, CancellationToken ct = default)
    {
        var files = Directory.Exists(path)
            ? Directory.EnumerateFiles(path, "*.y*ml", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList()
            : [path];
        foreach (var file in files)
        {
            foreach (var doc in KubernetesYaml.LoadAllFromString(await File.ReadAllTextAsync(file, ct)))
            {
                if (doc is V1CustomResourceDefinition crd)
                {
                    await InstallCrdAsync(crd, ct);
                }
            }
        }
    }

    public async Task InstallCrdAsync(V1CustomResourceDefinition crd, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(crd);
        await Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd, cancellationToken: ct);
        await Eventually.UntilAsync(async () =>
        {
            var live = await Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(crd.Metadata.Name, cancellationToken: ct);
            return live.Status?.Conditions?.Any(c => c.Type == "Established" && c.Status == "True") == true;
        }, $"CRD {crd.Metadata.Name} is Established", ct: ct);
    }

    /// <summary>
    /// Server-side applies every object of a (multi-document) YAML or JSON manifest, as
    /// <c>kubectl apply --server-side</c> would, without needing kubectl. Namespaced objects without a
    /// namespace go to <paramref name="defaultNamespace"/>. Returns the applied objects as the server stored them.
    /// </summary>
    public async Task<IReadOnlyList<JsonObject>> ApplyManifestAsync(string manifest, string defaultNamespace = "default", string fieldManager = "sigil-tests", CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        using var http = CreateHttpClient();
        var results = new List<JsonObject>();
        var stream = new YamlStream();
        stream.Load(new StringReader(manifest));
        foreach (var doc in stream.Documents)
        {
            if (doc.RootNode is not YamlMappingNode root)
            {
                continue;
            }

            var meta = Child(root, "metadata") as YamlMappingNode;
            var apiVersion = Scalar(root, "apiVersion") ?? throw new ArgumentException("a manifest object has no apiVersion", nameof(manifest));
            var kind = Scalar(root, "kind") ?? throw new ArgumentException("a manifest object has no kind", nameof(manifest));
            var name = (meta is null ? null : Scalar(meta, "name")) ?? throw new ArgumentException($"a {kind} in the manifest has no metadata.name", nameof(manifest));
            var text = new StringWriter();
            new YamlStream(doc).Save(text, assignAnchors: false);
            var (plural, namespaced) = await ResolveAsync(http, apiVersion, kind, ct);
            var prefix = apiVersion.Contains('/', StringComparison.Ordinal) ? $"/apis/{apiVersion}" : $"/api/{apiVersion}";
            var ns = (meta is null ? null : Scalar(meta, "namespace")) ?? defaultNamespace;
            var path = namespaced ? $"{prefix}/namespaces/{ns}/{plural}/{name}" : $"{prefix}/{plural}/{name}";
            using var content = new StringContent(text.ToString(), Encoding.UTF8, "application/apply-patch+yaml");
            using var response = await http.PatchAsync(new Uri($"{path}?fieldManager={Uri.EscapeDataString(fieldManager)}&force=true", UriKind.Relative), content, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"applying {kind} {name} failed with {(int)response.StatusCode}: {body}");
            }

            results.Add(JsonNode.Parse(body)!.AsObject());
        }

        return results;
    }

    /// <summary>An HttpClient that trusts this cluster's CA and sends its token (for raw API calls in tests).</summary>
    public HttpClient CreateHttpClient()
    {
        var ca = X509Certificate2.CreateFromPem(Server.CaCertificatePem);
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, cert, _, _) =>
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return cert is not null && chain.Build(new X509Certificate2(cert));
        };
        var http = new HttpClient(handler) { BaseAddress = Server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Server.Token);
        return http;
    }

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static string? Scalar(YamlMappingNode node, string key) => (Child(node, key) as YamlScalarNode)?.Value;

    private static async Task<(string Plural, bool Namespaced)> ResolveAsync(HttpClient http, string apiVersion, string kind, CancellationToken ct)
    {
        var path = apiVersion.Contains('/', StringComparison.Ordinal) ? $"/apis/{apiVersion}" : $"/api/{apiVersion}";
        var list = JsonNode.Parse(await http.GetStringAsync(new Uri(path, UriKind.Relative), ct))!;
        foreach (var r in list["resources"]!.AsArray())
        {
            if ((string?)r!["kind"] == kind && !((string)r["name"]!).Contains('/', StringComparison.Ordinal))
            {
                return ((string)r["name"]!, (bool)r["namespaced"]!);
            }
        }

        throw new InvalidOperationException($"the server does not serve {kind} in {apiVersion}");
    }

    /// <summary>Runs the real <c>kubectl</c> against this cluster, bounded by <paramref name="timeout"/> (default 60 s).</summary>
    public async Task<KubectlResult> KubectlAsync(IEnumerable<string> args, string? stdin = null, TimeSpan? timeout = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(args);
        var psi = new ProcessStartInfo("kubectl")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["KUBECONFIG"] = KubeconfigPath;
        psi.ArgumentList.Add("--cache-dir");
        psi.ArgumentList.Add(Path.Combine(WorkDirectory, "kubectl-cache"));
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException("kubectl could not be started");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin.AsMemory(), ct);
        }

        process.StandardInput.Close();
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout ?? TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            return new KubectlResult(-1, await stdout, await stderr + $"\n(kubectl killed after {(timeout ?? TimeSpan.FromSeconds(60)).TotalSeconds:0} s)");
        }

        return new KubectlResult(process.ExitCode, await stdout, await stderr);
    }

    public Task<KubectlResult> KubectlAsync(params string[] args) => KubectlAsync(args, stdin: null);

    /// <summary>
    /// Starts a long-running kubectl (e.g. <c>get -w</c>); the caller reads its output and disposes it,
    /// which kills the process.
    /// </summary>
    public Process StartKubectl(params string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var psi = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.Environment["KUBECONFIG"] = KubeconfigPath;
        psi.ArgumentList.Add("--cache-dir");
        psi.ArgumentList.Add(Path.Combine(WorkDirectory, "kubectl-cache"));
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        return Process.Start(psi) ?? throw new InvalidOperationException("kubectl could not be started");
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        await Server.DisposeAsync();
        if (_ownsDirectory)
        {
            try
            {
                Directory.Delete(WorkDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a kubectl child may still hold its cache open.
            }
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(p => Path.Combine(p, name))
            .FirstOrDefault(File.Exists);
}
