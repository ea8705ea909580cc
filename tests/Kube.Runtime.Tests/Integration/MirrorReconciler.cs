using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Kube.Runtime.Controllers;
using Kube.Runtime.Events;
using Kube.Runtime.Informers;

namespace Kube.Runtime.Tests.Integration;

/// <summary>
/// A small level-based reconciler in the shape the real controllers use: read the primary from
/// the cache, make sure an owned Secret exists, record an Event. Used to test the whole runtime.
/// </summary>
internal sealed class MirrorReconciler(IKubernetes client, IInformer<V1ConfigMap> maps, IInformer<V1Secret> secrets, IEventRecorder events) : IReconciler<V1ConfigMap>
{
    public async Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken)
    {
        var map = maps.Find(request.Namespace, request.Name);
        if (map is null || secrets.Find(request.Namespace, request.Name) is not null)
        {
            return ReconcileResult.Done;
        }

        var owned = new V1Secret
        {
            Metadata = new V1ObjectMeta
            {
                Name = request.Name,
                OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = map.Metadata.Name, Uid = map.Metadata.Uid, Controller = true }],
            },
            StringData = map.Data,
        };
        try
        {
            await client.CoreV1.CreateNamespacedSecretAsync(owned, request.Namespace, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // The cache was behind; the Secret exists, which is the state we want.
        }

        events.Record(map, EventTypes.Normal, "Mirrored", "Secret created from ConfigMap");
        return ReconcileResult.Done;
    }
}
