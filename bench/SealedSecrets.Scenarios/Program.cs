using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using k8s;
using k8s.Models;
using Kube.ApiServer.Hosting;
using SealedSecrets.Api;
using SealedSecrets.Api.Serialization;
using SealedSecrets.Controller.Crd;
using SealedSecrets.Controller.Hosting;
using SealedSecrets.Controller.Options;
using SealedSecrets.Crypto;
using Microsoft.Extensions.DependencyInjection;

// Scenario runner (perf-security.md §1.3) against the embedded API server on loopback:
//   S1 cold start: N SealedSecrets x 3 values, one key → all Secrets in sync.
//   S2 restart with everything in sync: RSA operations and writes must be 0.
//   S3 memory: controller process RSS with 10,000 unrelated 4 KiB Secrets vs. an empty cluster.
// Usage: dotnet run -c Release --project bench/SealedSecrets.Scenarios -- [N] [key-size] [workers] [s1|s3]
// ("s1" runs S1 and S2 only, "s3" only S3; without it all three run.)
var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 5000;
var keySize = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 4096;
var workers = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : Environment.ProcessorCount;
var work = Path.Combine(Path.GetTempPath(), "sigil-scenarios-" + Guid.NewGuid().ToString("N")[..8]);
Console.WriteLine($"cores={Environment.ProcessorCount} N={count} values=3 key-size={keySize} workers={workers}");

var memoryOnly = args.Length > 3 && args[3] == "s3";
var skipMemory = args.Length > 3 && args[3] == "s1";
if (!memoryOnly)
{
await using (var server = await ApiServerHost.StartAsync(new ApiServerOptions { DataDirectory = Path.Combine(work, "s1"), InMemory = true, Port = 0, WatchHistory = 50_000 }))
{
    var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath);
    var client = new Kubernetes(config);
    await Cluster.PrepareAsync(client, "bench");
    var options = Cluster.Options(keySize, workers);
    // The controllers get the client `sigil controller` builds (SealedSecretsControllerHost.CreateClient):
    // every request passes the --kubeclient-qps/--kubeclient-burst bucket (defaults), and here
    // also a counter per verb and resource.
    var requests = new RequestCounter();
    using var controllerClient = new Kubernetes(config, new Kube.Runtime.Client.ClientRateLimitHandler(options.KubeclientQps, options.KubeclientBurst, TimeProvider.System), requests);
    Console.WriteLine($"controller client: --kubeclient-qps {options.KubeclientQps} --kubeclient-burst {options.KubeclientBurst}");

    // A first start makes the key; the SealedSecrets are then created while no controller runs.
    SealingPublicKey key;
    await using (var first = await SealedSecretsControllerHost.StartAsync(controllerClient, options))
    {
        using var http = new HttpClient { BaseAddress = first.HttpUrl };
        key = SealingPublicKey.FromCertificate(SealingPem.ReadFirstCertificate(await http.GetStringAsync(new Uri("/v1/cert.pem", UriKind.Relative))));
    }
    var created = Stopwatch.StartNew();
    await Cluster.CreateSealedSecretsAsync(client, key, "bench", count);
    Console.WriteLine($"setup: {count} SealedSecrets created in {created.Elapsed.TotalSeconds:0.0} s");

    requests.Reset();
    var cpu1 = Process.GetCurrentProcess().TotalProcessorTime;
    var s1 = Stopwatch.StartNew();
    await using (var cold = await SealedSecretsControllerHost.StartAsync(controllerClient, options))
    {
        await Cluster.WaitAsync(() => cold.Writes >= 2 * count, TimeSpan.FromMinutes(10));
        s1.Stop();
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu1).TotalSeconds;
        var wall = s1.Elapsed.TotalSeconds;
        Console.WriteLine($"S1 cold start: {count} SealedSecrets x 3 values in sync in {wall:0.0} s " +
            $"({3 * count / wall:0} values/s); RSA ops {cold.RsaOperations:0} ({cold.RsaOperations / wall:0}/s); writes {cold.Writes:0}; " +
            $"CPU {cpu:0.0} s (controller + in-process API server) = {1000 * cpu / count:0.0} ms per SealedSecret, {cpu / Environment.ProcessorCount:0.0} s on {Environment.ProcessorCount} idle cores");
        var metrics = await Cluster.MetricsAsync(cold);
        Console.WriteLine($"S1 parallelism: {cpu / wall:0.00} cores busy on average; {metrics.Reconciles:0} reconciles, {metrics.ReconcileSeconds / wall:0.0} in flight on average ({workers} RSA workers, busy {100 * cold.Services.GetRequiredService<SealedSecrets.Controller.Unseal.UnsealGate>().Busy.TotalSeconds / (workers * wall):0}% of wall)");
        Console.WriteLine($"S1 requests: {requests.Describe()}");
    }
    var secrets = await client.CoreV1.ListNamespacedSecretAsync("bench");
    var synced = Cluster.CountSynced(await client.CustomObjects.ListNamespacedCustomObjectAsync<JsonElement>(SealedSecretResource.Group, SealedSecretResource.Version, "bench", SealedSecretResource.Plural));
    Console.WriteLine($"S1 check: {secrets.Items.Count} Secrets in namespace bench; {synced} SealedSecrets with Synced=True");

    requests.Reset();
    var cpu2 = Process.GetCurrentProcess().TotalProcessorTime;
    var s2 = Stopwatch.StartNew();
    await using (var warm = await SealedSecretsControllerHost.StartAsync(controllerClient, options))
    {
        await Cluster.WaitAsync(() => warm.Reconciles >= count, TimeSpan.FromMinutes(5));
        s2.Stop();
        await Task.Delay(TimeSpan.FromSeconds(2));
        Console.WriteLine($"S2 restart in sync: {count} reconciled in {s2.Elapsed.TotalSeconds:0.0} s; RSA ops {warm.RsaOperations:0}; writes {warm.Writes:0}; " +
            $"CPU {(Process.GetCurrentProcess().TotalProcessorTime - cpu2).TotalSeconds:0.0} s; cached Secrets {warm.CachedSecrets}");
        Console.WriteLine($"S2 requests: {requests.Describe()}");
    }
}

}

if (skipMemory)
{
    return;
}

// S3: RSS of a separate controller process, empty cluster vs. 10,000 unrelated 4 KiB Secrets.
// Optional 5th argument: repetitions (the medians are reported; RSS varies run to run by a few MB).
var repeats = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 1;
var emptyRuns = new List<Memory.Sample>();
var noisyRuns = new List<Memory.Sample>();
for (var r = 0; r < repeats; r++)
{
    var e = await Memory.MeasureAsync(Path.Combine(work, $"m0-{r}"), unrelated: 0, keySize);
    var n = await Memory.MeasureAsync(Path.Combine(work, $"m1-{r}"), unrelated: 10_000, keySize);
    emptyRuns.Add(e);
    noisyRuns.Add(n);
    Console.WriteLine($"S3 run {r + 1}: empty {e}; noisy {n}; growth +{(n.Rss - e.Rss) / 1048576.0:0.0} MB");
}
var empty = Memory.Median(emptyRuns, s => s.Rss);
var noisy = Memory.Median(noisyRuns, s => s.Rss);
Console.WriteLine($"S3 memory: controller RSS {empty / 1048576.0:0.0} MB with an empty cluster, {noisy / 1048576.0:0.0} MB with 10,000 unrelated 4 KiB Secrets (+{(noisy - empty) / 1048576.0:0.0} MB, medians of {repeats})");
try
{
    Directory.Delete(work, recursive: true);
}
catch (IOException)
{
}

internal static class Cluster
{
    public static SealedSecretsControllerOptions Options(int keySize, int workers) => new()
    {
        ControllerNamespace = "kube-system",
        KeySize = keySize,
        ListenAddr = "127.0.0.1:0",
        ListenMetricsAddr = "0",
        Workers = workers,
    };

    public static async Task PrepareAsync(Kubernetes client, string ns)
    {
        await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(SealedSecretCrd.Build());
        await WaitAsync(() => client.ApiextensionsV1.ReadCustomResourceDefinition(SealedSecretCrd.Build().Metadata.Name).Status?.Conditions?.Any(c => c.Type == "Established" && c.Status == "True") == true, TimeSpan.FromSeconds(30));
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
    }

    public static async Task CreateSealedSecretsAsync(Kubernetes client, SealingPublicKey key, string ns, int count)
    {
        using var random = RandomNumberGenerator.Create();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var name = $"app-{i:00000}";
            var secret = new V1Secret
            {
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns },
                StringData = new Dictionary<string, string> { ["username"] = $"user-{i}", ["password"] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)), ["url"] = $"postgres://db-{i}.example:5432/app" },
            };
            SealedSecret sealedSecret;
            lock (random)
            {
                sealedSecret = SealedSecretSealer.Seal(secret, key, SealingScope.Strict, random);
            }
            using var doc = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(sealedSecret, SealedSecretsJsonContext.Default.SealedSecret));
            await client.CustomObjects.CreateNamespacedCustomObjectAsync(doc.RootElement, SealedSecretResource.Group, SealedSecretResource.Version, ns, SealedSecretResource.Plural, cancellationToken: ct);
        });
    }

    public static int CountSynced(JsonElement list) =>
        list.GetProperty("items").EnumerateArray().Count(item =>
            item.TryGetProperty("status", out var status) && status.TryGetProperty("conditions", out var conditions)
            && conditions.EnumerateArray().Any(c => c.GetProperty("type").GetString() == "Synced" && c.GetProperty("status").GetString() == "True"));

    /// <summary>Reconciles and seconds spent in them, from the controller's own Prometheus metrics.</summary>
    public static async Task<(double Reconciles, double ReconcileSeconds)> MetricsAsync(SealedSecretsControllerHost host)
    {
        using var text = new MemoryStream();
        await host.Services.GetRequiredService<Kube.Runtime.Metrics.RuntimeMetrics>().ExportAsync(text, CancellationToken.None);
        double Sum(string name) => System.Text.Encoding.UTF8.GetString(text.ToArray()).Split('\n')
            .Where(l => l.StartsWith(name, StringComparison.Ordinal) && l.Contains("controller=\"sealedsecret\"", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture));
        return (Sum("controller_runtime_reconcile_time_seconds_count"), Sum("controller_runtime_reconcile_time_seconds_sum"));
    }

    public static async Task WaitAsync(Func<bool> condition, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException("scenario did not complete in " + timeout);
            }
            await Task.Delay(50);
        }
    }
}

internal static class Memory
{
    /// <summary>One controller process: total RSS, its anonymous and file-backed parts (smaps_rollup).</summary>
    public sealed record Sample(long Rss, long RssAnon, long RssFile)
    {
        public override string ToString() =>
            $"RSS {Rss / 1048576.0:0.0} MB (anon {RssAnon / 1048576.0:0.0}, file {RssFile / 1048576.0:0.0})";
    }

    public static long Median(List<Sample> samples, Func<Sample, long> value)
    {
        var sorted = samples.Select(value).Order().ToList();
        return sorted[sorted.Count / 2];
    }

    public static async Task<Sample> MeasureAsync(string dir, int unrelated, int keySize)
    {
        await using var server = await ApiServerHost.StartAsync(new ApiServerOptions { DataDirectory = dir, InMemory = true, Port = 0 });
        var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath));
        await Cluster.PrepareAsync(client, "noise");
        var payload = new byte[4096];
        await Parallel.ForEachAsync(Enumerable.Range(0, unrelated), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = $"noise-{i:00000}" }, Data = new Dictionary<string, byte[]> { ["blob"] = payload } }, "noise", cancellationToken: ct));

        var sigil = Path.Combine(AppContext.BaseDirectory, "..", "..", "..", "..", "..", "src", "Sigil", "bin", "Release", "net10.0", "sigil.dll");
        if (!File.Exists(sigil))
        {
            sigil = sigil.Replace(Path.Combine("bin", "Release"), Path.Combine("bin", "Debug"), StringComparison.Ordinal);
        }
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { sigil, "controller", "sealed-secrets", "--kubeconfig", server.KubeconfigPath!, "--controller-namespace", "kube-system", "--key-size", keySize.ToString(CultureInfo.InvariantCulture), "--listen-addr", "127.0.0.1:0", "--listen-metrics-addr", "0", "--log-level", "ERROR" })
        {
            psi.ArgumentList.Add(a);
        }
        psi.Environment["DOTNET_gcServer"] = "0";
        psi.Environment["DOTNET_gcConcurrent"] = "0";
        using var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        // Wait for the key Secret (the controller is up), then for the informers to settle.
        await Cluster.WaitAsync(() => client.CoreV1.ListNamespacedSecret("kube-system", labelSelector: "sealedsecrets.bitnami.com/sealed-secrets-key=active").Items.Count > 0, TimeSpan.FromMinutes(2));
        await Task.Delay(TimeSpan.FromSeconds(8));
        var status = File.ReadAllLines($"/proc/{process.Id}/status");
        var sample = new Sample(Kb(status, "VmRSS:"), Kb(status, "RssAnon:"), Kb(status, "RssFile:") + Kb(status, "RssShmem:"));
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        return sample;
    }

    private static long Kb(string[] lines, string field)
    {
        var line = lines.First(l => l.StartsWith(field, StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }
}
