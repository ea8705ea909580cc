using System.Diagnostics;
using k8s;
using k8s.Models;
using Kube.Runtime.Informers;
using Microsoft.Extensions.Logging.Abstractions;
using Sigil.Testing;

namespace Kube.Runtime.Bench;

/// <summary>S3: how much heap an informer keeps for 10,000 unrelated 4 KiB Secrets, per cache strategy.</summary>
internal static class InformerMemoryScenario
{
    private const int Noise = 10_000;
    private const int Runs = 5;

    public static async Task RunAsync(TextWriter output)
    {
        await using var cluster = await EmbeddedCluster.StartAsync();
        var created = Stopwatch.StartNew();
        for (var i = 0; i < Noise; i += 16)
        {
            await Task.WhenAll(Enumerable.Range(i, Math.Min(16, Noise - i)).Select(n => cluster.Client.CoreV1.CreateNamespacedSecretAsync(
                new V1Secret { Metadata = new V1ObjectMeta { Name = $"noise-{n}" }, Data = new Dictionary<string, byte[]> { ["blob"] = new byte[3072] } },
                "default")));
        }

        await output.WriteLineAsync($"created {Noise} Secrets (3 KiB data, ~4 KiB base64) in {created.Elapsed.TotalSeconds:0.0} s");
        await MeasureAsync(output, cluster.Client, "full objects", _ => { });
        await MeasureAsync(output, cluster.Client, "SecretMetadataOnly", o => o.Transform = ObjectTransforms.SecretMetadataOnly);
        await MeasureAsync(output, cluster.Client, "label selector matching none", o => o.LabelSelector = "owner=sigil");
    }

    private static async Task MeasureAsync(TextWriter output, IKubernetes client, string label, Action<InformerOptions<V1Secret>> configure)
    {
        var syncMs = new List<double>();
        var heapMb = new List<double>();
        var cached = 0;
        for (var run = 0; run < Runs; run++)
        {
            var (ms, withInformer, count) = await SyncOnceAsync(client, configure);

            // Leave the stack of SyncOnceAsync's completion (its frame still roots the informer),
            // then the informer is unreachable and the difference is what it held.
            await Task.Yield();
            var without = GC.GetTotalMemory(forceFullCollection: true);
            syncMs.Add(ms);
            heapMb.Add((withInformer - without) / 1048576.0);
            cached = count;
        }

        await output.WriteLineAsync($"{label}: {cached} cached, sync median {Median(syncMs):0} ms, informer heap median {Median(heapMb):0.0} MB");
    }

    private static async Task<(double Ms, long Heap, int Count)> SyncOnceAsync(IKubernetes client, Action<InformerOptions<V1Secret>> configure)
    {
        var options = new InformerOptions<V1Secret>();
        configure(options);
        var informer = new Informer<V1Secret>(client, options, TimeProvider.System, NullLogger<Informer<V1Secret>>.Instance);
        using var stop = new CancellationTokenSource();
        var clock = Stopwatch.StartNew();
        var run = informer.RunAsync(stop.Token);
        await informer.WaitForSyncAsync(CancellationToken.None);
        clock.Stop();
        await stop.CancelAsync();
        await run;
        var heap = GC.GetTotalMemory(forceFullCollection: true);
        return (clock.Elapsed.TotalMilliseconds, heap, informer.Count);
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
