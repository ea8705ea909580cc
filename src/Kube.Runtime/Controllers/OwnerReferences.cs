using k8s;
using k8s.Models;

namespace Kube.Runtime.Controllers;

/// <summary>
/// Maps an owned object to its owners' keys, as controller-runtime's <c>EnqueueRequestForOwner</c>:
/// owner references match on API group and kind (any version), in the owned object's namespace.
/// </summary>
public static class OwnerReferences
{
    public static IEnumerable<ReconcileRequest> ToOwnerRequests(
        IKubernetesObject<V1ObjectMeta> owned, string ownerGroup, string ownerKind, bool controllerOnly)
    {
        ArgumentNullException.ThrowIfNull(owned);
        var refs = owned.Metadata?.OwnerReferences;
        if (refs is null)
        {
            yield break;
        }

        foreach (var owner in refs)
        {
            if (owner.Kind == ownerKind
                && GroupOf(owner.ApiVersion) == ownerGroup
                && (!controllerOnly || owner.Controller == true))
            {
                yield return new ReconcileRequest(owned.Metadata!.NamespaceProperty, owner.Name);
            }
        }
    }

    /// <summary>"bitnami.com/v1alpha1" → "bitnami.com"; "v1" → "" (the core group).</summary>
    public static string GroupOf(string? apiVersion)
    {
        if (string.IsNullOrEmpty(apiVersion))
        {
            return string.Empty;
        }

        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? string.Empty : apiVersion[..slash];
    }
}
