using k8s.Models;

namespace Kube.Runtime.Informers;

/// <summary>
/// Ready-made <see cref="InformerOptions{T}.Transform"/> hooks that keep the cache small.
/// Each returns a new object and leaves its input untouched.
/// </summary>
public static class ObjectTransforms
{
    /// <summary>
    /// Keeps a Secret's metadata and type but drops its data and managedFields: for controllers
    /// that only need to know a Secret exists and who owns it.
    /// </summary>
    public static V1Secret SecretMetadataOnly(V1Secret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        return new V1Secret
        {
            ApiVersion = secret.ApiVersion,
            Kind = secret.Kind,
            Metadata = WithoutManagedFields(secret.Metadata),
            Type = secret.Type,
            Immutable = secret.Immutable,
        };
    }

    /// <summary>Drops managedFields, which are often larger than the object itself.</summary>
    public static V1ObjectMeta WithoutManagedFields(V1ObjectMeta metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.ManagedFields is null ? metadata : metadata with { ManagedFields = null };
    }
}
