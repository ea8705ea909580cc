using System.Collections.Concurrent;
using Kube.Runtime.Controllers;

namespace SealedSecrets.Controller.Unseal;

/// <summary>
/// SealedSecrets whose last unseal failed, and how often in a row. Upstream's worker requeues a
/// failed key with client-go's default controller backoff (5 ms doubling) while
/// <c>NumRequeues &lt; --max-unseal-retries</c>, then gives up until the object changes
/// (reference §3.6); <see cref="NextRetry"/> gives the same schedule. A SealedSecret whose spec
/// changed starts counting afresh. Failed objects are also queued again when a key Secret appears.
/// </summary>
internal sealed class UnsealFailures
{
    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(5);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(1000);

    private readonly ConcurrentDictionary<ReconcileRequest, Streak> _failed = new();

    public void Add(ReconcileRequest request) => _failed.TryAdd(request, new Streak(string.Empty, 0));

    public void Remove(ReconcileRequest request) => _failed.TryRemove(request, out _);

    public IReadOnlyList<ReconcileRequest> Snapshot() => [.. _failed.Keys];

    /// <summary>Failures in a row of <paramref name="request"/> (for tests and logs).</summary>
    public int Count(ReconcileRequest request) => _failed.TryGetValue(request, out var s) ? s.Failures : 0;

    /// <summary>
    /// Records one more failure of <paramref name="request"/> at spec digest <paramref name="hash"/>
    /// and returns the delay before the next attempt, or null once <paramref name="maxRetries"/>
    /// retries were made (upstream: "giving up"; the object waits for a change or a new key).
    /// </summary>
    public TimeSpan? NextRetry(ReconcileRequest request, string hash, int maxRetries)
    {
        var streak = _failed.AddOrUpdate(
            request,
            _ => new Streak(hash, 1),
            (_, old) => old.Hash == hash ? old with { Failures = old.Failures + 1 } : new Streak(hash, 1));
        var retries = streak.Failures - 1; // upstream's NumRequeues before this failure
        if (retries >= maxRetries)
        {
            return null;
        }
        var delay = BaseDelay * Math.Pow(2, Math.Min(retries, 30));
        return delay < MaxDelay ? delay : MaxDelay;
    }

    private sealed record Streak(string Hash, int Failures);
}
