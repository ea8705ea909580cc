using k8s.Models;
using SealedSecrets.Api;
using SealedSecrets.Controller.Keys;
using SealedSecrets.Controller.Options;

namespace SealedSecrets.Controller.Unseal;

/// <summary>
/// The Secret informer's transform, so unrelated Secrets cost nothing (perf-security.md §1.3 S3;
/// upstream caches every Secret in full, #1289). Kept: Secrets controlled by a SealedSecret and
/// Secrets annotated <c>managed</c>/<c>patch</c>, reduced to the metadata the reconciler reads (no
/// data, no labels, only our annotations); and, with <c>--watch-for-secrets</c> or leader election,
/// key Secrets' metadata (the key itself is read with a GET). The informer asks the API server for
/// metadata only (PartialObjectMetadata), so Secret data never reaches the controller through it.
/// Every other Secret is dropped; an unrelated Secret that blocks a SealedSecret is found by a live GET.
/// </summary>
internal static class SecretCacheFilter
{
    private static readonly string[] KeptAnnotations =
    [
        SealedSecretAnnotations.Managed,
        SealedSecretAnnotations.Patch,
        ControllerMessages.SourceHashAnnotation,
    ];

    public static Func<V1Secret, V1Secret?> For(SealedSecretsControllerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return secret => Transform(secret, options);
    }

    public static V1Secret? Transform(V1Secret secret, SealedSecretsControllerOptions options)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(options);
        var meta = secret.Metadata;
        if (meta is null)
        {
            return null;
        }
        if ((options.WatchForSecrets || options.LeaderElect) && KeySecrets.IsKeySecret(secret, options))
        {
            return secret with { Metadata = meta with { ManagedFields = null } };
        }
        if (!SecretOwnership.IsOwnedBySealedSecret(meta) && !SecretOwnership.IsManaged(meta) && !SecretOwnership.IsPatch(meta))
        {
            return null;
        }
        Dictionary<string, string>? annotations = null;
        if (meta.Annotations is not null)
        {
            foreach (var name in KeptAnnotations)
            {
                if (meta.Annotations.TryGetValue(name, out var value))
                {
                    (annotations ??= new Dictionary<string, string>(StringComparer.Ordinal))[name] = value;
                }
            }
        }
        return new V1Secret
        {
            Metadata = new V1ObjectMeta
            {
                Name = meta.Name,
                NamespaceProperty = meta.NamespaceProperty,
                Uid = meta.Uid,
                ResourceVersion = meta.ResourceVersion,
                OwnerReferences = meta.OwnerReferences,
                Annotations = annotations,
            },
            Type = secret.Type,
        };
    }
}
