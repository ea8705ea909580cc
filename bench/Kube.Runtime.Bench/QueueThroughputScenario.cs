using System.Diagnostics;
using Kube.Runtime.Queue;

namespace Kube.Runtime.Bench;

/// <summary>Adds per second through the work queue with dedupe (10,000 keys) and 4 workers.</summary>
internal static class QueueThroughputScenario
{
    private const int Adds = 1_000_000;
    private const int Keys = 10_000;
    private const int Workers = 4;

    public static async Task RunAsync(TextWriter output)
    {
        var keys = Enumerable.Range(0, Keys).Select(i => "ns/key-" + i).ToArray();
        var rates = new List<double>();
        var processed = 0L;
        for (var run = 0; run < 5; run++)
        {
            using var queue = new WorkQueue<string>(RateLimiters.Default<string>(TimeProvider.System), TimeProvider.System);
            var clock = Stopwatch.StartNew();
            var workers = Enumerable.Range(0, Workers).Select(_ => Task.Run(async () =>
            {
                while (true)
                {
                    var (key, shuttingDown) = await queue.GetAsync(CancellationToken.None);
                    if (shuttingDown)
                    {
                        return;
                    }

                    Interlocked.Increment(ref processed);
                    queue.Done(key);
                }
            })).ToArray();
            for (var i = 0; i < Adds; i++)
            {
                queue.Add(keys[i % Keys]);
            }

            await queue.ShutDownWithDrainAsync(CancellationToken.None);
            await Task.WhenAll(workers);
            rates.Add(Adds / clock.Elapsed.TotalSeconds);
        }

        await output.WriteLineAsync($"work queue: median {rates.Order().ElementAt(2) / 1e6:0.00} M adds/s ({Adds} adds over {Keys} keys, {Workers} workers; {processed / 5} reconciles per run after dedupe)");
    }
}
