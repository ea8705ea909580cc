using System.Collections.Concurrent;
using Kube.Runtime.Controllers;

namespace SealedSecrets.Controller.Unseal;

/// <summary>
/// SealedSecrets whose last unseal failed to decrypt. They are not retried in a loop (a missing key
/// does not come back by itself); they are queued again when a key Secret appears.
/// </summary>
internal sealed class UnsealFailures
{
    private readonly ConcurrentDictionary<ReconcileRequest, byte> _failed = new();

    public void Add(ReconcileRequest request) => _failed[request] = 0;

    public void Remove(ReconcileRequest request) => _failed.TryRemove(request, out _);

    public IReadOnlyList<ReconcileRequest> Snapshot() => [.. _failed.Keys];
}
