using k8s;
using k8s.Models;
using Kube.Runtime.Informers;

namespace Kube.Runtime.Controllers;

/// <summary>Ready-made <see cref="ControllerOptions{T}.Filter"/>s (controller-runtime's predicates).</summary>
public static class EventFilters
{
    /// <summary>
    /// Drops updates that did not change <c>metadata.generation</c> — typically the controller's
    /// own status writes — so they do not wake the reconciler again (GenerationChangedPredicate).
    /// Adds, deletes, periodic resyncs and the start of a deletion always pass.
    /// </summary>
    public static bool GenerationChanged<T>(InformerEvent<T> change)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(change);
        if (change.Type != InformerEventType.Updated || change.Old is null || ReferenceEquals(change.Old, change.Current))
        {
            return true;
        }

        return change.Old.Metadata.Generation != change.Current.Metadata.Generation
            || change.Old.Metadata.DeletionTimestamp != change.Current.Metadata.DeletionTimestamp;
    }
}
