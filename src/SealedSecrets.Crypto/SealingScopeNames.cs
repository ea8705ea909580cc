using System.Diagnostics.CodeAnalysis;

namespace SealedSecrets.Crypto;

/// <summary>
/// The flag spellings of <see cref="SealingScope"/> (<c>kubeseal --scope</c>). Upstream's parser
/// accepts the empty string as strict and nothing else beyond the three names.
/// </summary>
public static class SealingScopeNames
{
    /// <summary><c>strict</c></summary>
    public const string Strict = "strict";

    /// <summary><c>namespace-wide</c></summary>
    public const string NamespaceWide = "namespace-wide";

    /// <summary><c>cluster-wide</c></summary>
    public const string ClusterWide = "cluster-wide";

    /// <summary>The error upstream gives for any other value.</summary>
    public const string InvalidScopeMessage = "must be one of: strict, namespace-wide, cluster-wide";

    /// <summary>Parses a scope name exactly as upstream (case-sensitive; "" means strict).</summary>
    public static bool TryParse(string? value, [NotNullWhen(true)] out SealingScope? scope)
    {
        scope = value switch
        {
            "" or null or Strict => SealingScope.Strict,
            NamespaceWide => SealingScope.NamespaceWide,
            ClusterWide => SealingScope.ClusterWide,
            _ => null,
        };
        return scope is not null;
    }

    /// <summary>The flag spelling of <paramref name="scope"/>.</summary>
    public static string ToName(this SealingScope scope) => scope switch
    {
        SealingScope.Strict => Strict,
        SealingScope.NamespaceWide => NamespaceWide,
        SealingScope.ClusterWide => ClusterWide,
        _ => throw new ArgumentOutOfRangeException(nameof(scope), scope, InvalidScopeMessage),
    };
}
