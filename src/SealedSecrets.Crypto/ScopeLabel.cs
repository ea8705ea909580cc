using System.Text;

namespace SealedSecrets.Crypto;

/// <summary>
/// The OAEP label that binds a sealed value to its scope (upstream <c>EncryptionLabel</c>):
/// strict = UTF-8 of <c>namespace + "/" + name</c> (so <c>"/"</c> when both are empty),
/// namespace-wide = UTF-8 of the namespace, cluster-wide = empty.
/// </summary>
public static class ScopeLabel
{
    /// <summary>Computes the label for <paramref name="scope"/>; null strings count as empty.</summary>
    public static byte[] For(SealingScope scope, string? @namespace, string? name) => scope switch
    {
        SealingScope.Strict => Encoding.UTF8.GetBytes($"{@namespace}/{name}"),
        SealingScope.NamespaceWide => Encoding.UTF8.GetBytes(@namespace ?? string.Empty),
        SealingScope.ClusterWide => [],
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, SealingScopeNames.InvalidScopeMessage),
    };
}
