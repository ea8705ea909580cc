using SealedSecrets.Crypto;

namespace SealedSecrets.Api;

/// <summary>
/// Reads a scope from annotations as upstream's <c>SecretScope</c> does: cluster-wide if
/// <c>cluster-wide</c> is exactly <c>"true"</c>, else namespace-wide if <c>namespace-wide</c> is
/// exactly <c>"true"</c>, else strict. <c>"True"</c>, <c>"yes"</c> and the like mean strict.
/// </summary>
public static class SealingScopeReader
{
    /// <summary>The scope the annotations ask for.</summary>
    public static SealingScope FromAnnotations(IDictionary<string, string>? annotations)
    {
        if (annotations is null)
        {
            return SealingScope.Strict;
        }
        if (annotations.TryGetValue(SealedSecretAnnotations.ClusterWide, out var cluster) && cluster == SealedSecretAnnotations.True)
        {
            return SealingScope.ClusterWide;
        }
        if (annotations.TryGetValue(SealedSecretAnnotations.NamespaceWide, out var ns) && ns == SealedSecretAnnotations.True)
        {
            return SealingScope.NamespaceWide;
        }
        return SealingScope.Strict;
    }

    /// <summary>
    /// Rewrites <paramref name="annotations"/> for <paramref name="scope"/> as kubeseal does with a
    /// non-strict <c>--scope</c>: both scope annotations removed, then the chosen one set to "true".
    /// Returns the (possibly new) dictionary, or null when it ends up empty.
    /// </summary>
    public static IDictionary<string, string>? WithScope(IDictionary<string, string>? annotations, SealingScope scope)
    {
        var result = annotations is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(annotations, StringComparer.Ordinal);
        result.Remove(SealedSecretAnnotations.ClusterWide);
        result.Remove(SealedSecretAnnotations.NamespaceWide);
        switch (scope)
        {
            case SealingScope.ClusterWide:
                result[SealedSecretAnnotations.ClusterWide] = SealedSecretAnnotations.True;
                break;
            case SealingScope.NamespaceWide:
                result[SealedSecretAnnotations.NamespaceWide] = SealedSecretAnnotations.True;
                break;
        }
        return result.Count == 0 ? null : result;
    }
}
