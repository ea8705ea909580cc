using k8s;
using k8s.Models;
using Kube.Runtime.Events;

namespace SealedSecrets.Controller.Tests;

internal sealed class RecordingEvents : IEventRecorder
{
    public List<(string Object, string Type, string Reason, string Message)> Events { get; } = [];

    public void Record(IKubernetesObject<V1ObjectMeta> regarding, string type, string reason, string message) =>
        Events.Add(($"{regarding.Metadata.NamespaceProperty}/{regarding.Metadata.Name}", type, reason, message));

    public Task RecordAsync(IKubernetesObject<V1ObjectMeta> regarding, string type, string reason, string message, CancellationToken cancellationToken)
    {
        Record(regarding, type, reason, message);
        return Task.CompletedTask;
    }
}
