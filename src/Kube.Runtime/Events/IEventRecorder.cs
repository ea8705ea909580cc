using k8s;
using k8s.Models;

namespace Kube.Runtime.Events;

/// <summary>
/// Writes core/v1 Events about an object (what <c>kubectl describe</c> shows). Repeats of the same
/// event (same object, type, reason and message) bump <c>count</c> and <c>lastTimestamp</c> on the
/// existing Event instead of creating another, as client-go's correlator does. Messages must never
/// contain secret values: name keys and objects only.
/// </summary>
public interface IEventRecorder
{
    /// <summary>Queues the event and returns at once; a reconciler never waits on event writes.</summary>
    void Record(IKubernetesObject<V1ObjectMeta> regarding, string type, string reason, string message);

    /// <summary>Writes the event and waits for the API call (for callers that must know it landed).</summary>
    Task RecordAsync(IKubernetesObject<V1ObjectMeta> regarding, string type, string reason, string message, CancellationToken cancellationToken);
}
