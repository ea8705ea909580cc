using System.Collections.Concurrent;
using k8s.Models;
using Kube.Runtime.Controllers;

namespace Kube.Runtime.Tests.Controllers;

/// <summary>Records each reconciliation and answers with whatever the test scripted.</summary>
internal sealed class ScriptedReconciler : IReconciler<V1ConfigMap>
{
    public ConcurrentQueue<ReconcileRequest> Calls { get; } = new();

    public Func<ReconcileRequest, CancellationToken, Task<ReconcileResult>> Behaviour { get; set; } = (_, _) => Task.FromResult(ReconcileResult.Done);

    public int CountFor(string name) => Calls.Count(c => c.Name == name);

    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        Calls.Enqueue(request);
        return await Behaviour(request, cancellationToken);
    }
}
