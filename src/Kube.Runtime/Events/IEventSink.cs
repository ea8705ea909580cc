using k8s.Models;

namespace Kube.Runtime.Events;

/// <summary>The two writes the recorder makes; the API in production, a list in tests.</summary>
internal interface IEventSink
{
    Task CreateAsync(Corev1Event @event, CancellationToken cancellationToken);

    /// <summary>Sets count and lastTimestamp; false when the Event no longer exists (expired).</summary>
    Task<bool> UpdateCountAsync(string @namespace, string name, int count, DateTime lastTimestamp, CancellationToken cancellationToken);
}
