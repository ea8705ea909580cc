using System.Diagnostics;
using k8s;
using k8s.Models;
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
