using k8s.Models;
using SealedSecrets.Api;

namespace SealedSecrets.Controller.Unseal;

/// <summary>
/// Whether the controller may write an existing Secret (reference §3.6 step 4, the overwrite
/// protection of v0.9.7): it must be controlled by this SealedSecret (controller ownerReference with
/// its uid), or carry <c>managed: "true"</c> or <c>patch: "true"</c>.
/// </summary>
internal static class SecretOwnership
{
    public static bool IsControlledBy(V1ObjectMeta? secret, V1ObjectMeta? sealedSecret) =>
        secret?.OwnerReferences?.Any(r => r.Controller == true && r.Uid is not null && r.Uid == sealedSecret?.Uid) == true;

    public static bool IsManaged(V1ObjectMeta? secret) => HasTrue(secret, SealedSecretAnnotations.Managed);

    public static bool IsPatch(V1ObjectMeta? secret) => HasTrue(secret, SealedSecretAnnotations.Patch);

    public static bool MayWrite(V1ObjectMeta? secret, V1ObjectMeta? sealedSecret) =>
        IsControlledBy(secret, sealedSecret) || IsManaged(secret) || IsPatch(secret);

    /// <summary>Controlled by some SealedSecret (any uid): such Secrets are worth caching.</summary>
    public static bool IsOwnedBySealedSecret(V1ObjectMeta? secret) =>
        secret?.OwnerReferences?.Any(r => r.Controller == true && r.Kind == SealedSecretResource.Kind
            && (r.ApiVersion ?? string.Empty).StartsWith(SealedSecretResource.Group + "/", StringComparison.Ordinal)) == true;

    private static bool HasTrue(V1ObjectMeta? meta, string annotation) =>
        meta?.Annotations is not null && meta.Annotations.TryGetValue(annotation, out var v) && v == SealedSecretAnnotations.True;
}
