using System.Globalization;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Kube.Runtime.Events;

internal sealed class KubernetesEventSink(IKubernetes client) : IEventSink
{
    public Task CreateAsync(Corev1Event @event, CancellationToken cancellationToken)
        => client.CoreV1.CreateNamespacedEventAsync(@event, @event.Metadata.NamespaceProperty, cancellationToken: cancellationToken);

    public async Task<bool> UpdateCountAsync(string @namespace, string name, int count, DateTime lastTimestamp, CancellationToken cancellationToken)
    {
        // A merge patch of just the two fields, as client-go's recorder does for repeats.
        var body = string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"count\":{count},\"lastTimestamp\":\"{lastTimestamp:yyyy-MM-ddTHH:mm:ssZ}\"}}");
        try
        {
            await client.CoreV1.PatchNamespacedEventAsync(new V1Patch(body, V1Patch.PatchType.MergePatch), name, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }
}
