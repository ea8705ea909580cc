using k8s.Models;
using Kube.Runtime.Events;

namespace Kube.Runtime.Tests.Events;

/// <summary>An in-memory Event store with the API's create and count-patch semantics.</summary>
internal sealed class RecordingEventSink : IEventSink
{
    public Dictionary<string, Corev1Event> Events { get; } = [];

    public int Creates { get; private set; }

    public int Patches { get; private set; }

    public Task CreateAsync(Corev1Event @event, CancellationToken cancellationToken)
    {
        lock (Events)
        {
            Creates++;
            Events.Add($"{@event.Metadata.NamespaceProperty}/{@event.Metadata.Name}", @event);
        }

        return Task.CompletedTask;
    }

    public Task<bool> UpdateCountAsync(string @namespace, string name, int count, DateTime lastTimestamp, CancellationToken cancellationToken)
    {
        lock (Events)
        {
            Patches++;
            if (!Events.TryGetValue($"{@namespace}/{name}", out var existing))
            {
                return Task.FromResult(false);
            }

            existing.Count = count;
            existing.LastTimestamp = lastTimestamp;
            return Task.FromResult(true);
        }
    }
}
