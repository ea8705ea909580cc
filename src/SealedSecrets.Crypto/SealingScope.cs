namespace SealedSecrets.Crypto;

/// <summary>
/// What a sealed value is bound to. The numeric values follow upstream's
/// <c>SealingScope</c> enum (strict = 0, namespace-wide = 1, cluster-wide = 2).
/// </summary>
public enum SealingScope
{
    /// <summary>Bound to one namespace and one name: OAEP label <c>namespace/name</c>.</summary>
    Strict = 0,

    /// <summary>Bound to a namespace, any name: OAEP label <c>namespace</c>.</summary>
    NamespaceWide = 1,

    /// <summary>Opens anywhere: empty OAEP label.</summary>
    ClusterWide = 2,
}
