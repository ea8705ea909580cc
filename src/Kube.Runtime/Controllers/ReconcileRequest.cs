using k8s;
using k8s.Models;

namespace Kube.Runtime.Controllers;

/// <summary>
/// What a reconciler is asked to converge: only a namespace and a name, never the event or the
/// object (controller-runtime's reconcile.Request). Read the current state from the cache.
/// </summary>
public readonly record struct ReconcileRequest(string? Namespace, string Name)
{
    public static ReconcileRequest For(IKubernetesObject<V1ObjectMeta> obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return new ReconcileRequest(obj.Metadata.NamespaceProperty, obj.Metadata.Name);
    }

    public override string ToString() => string.IsNullOrEmpty(Namespace) ? Name : $"{Namespace}/{Name}";
}
