using SealedSecrets.Crypto;

namespace SealedSecrets.Api.Tests;

public sealed class ScopeReadingTests
{
    [Theory]
    [InlineData(null, null, SealingScope.Strict)]
    [InlineData("true", null, SealingScope.ClusterWide)]
    [InlineData(null, "true", SealingScope.NamespaceWide)]
    [InlineData("true", "true", SealingScope.ClusterWide)]
    [InlineData("True", null, SealingScope.Strict)]
    [InlineData("yes", "TRUE", SealingScope.Strict)]
    [InlineData("false", "true", SealingScope.NamespaceWide)]
    public void Only_the_exact_string_true_counts_and_cluster_wide_wins(string? cluster, string? ns, SealingScope expected)
    {
        var annotations = new Dictionary<string, string>();
        if (cluster is not null)
        {
            annotations[SealedSecretAnnotations.ClusterWide] = cluster;
        }
        if (ns is not null)
        {
            annotations[SealedSecretAnnotations.NamespaceWide] = ns;
        }

        Assert.Equal(expected, SealingScopeReader.FromAnnotations(annotations));
    }

    [Fact]
    public void Decryption_scope_comes_from_top_level_metadata_not_the_template()
    {
        var sealedSecret = new SealedSecret
        {
            Metadata = new() { Name = "a", NamespaceProperty = "ns" },
            Spec = new() { Template = new() { Metadata = new() { Annotations = new Dictionary<string, string> { [SealedSecretAnnotations.ClusterWide] = "true" } } } },
        };

        Assert.Equal(SealingScope.Strict, sealedSecret.GetScope());
        Assert.Equal("ns/a"u8.ToArray(), sealedSecret.GetEncryptionLabel());
    }

    [Fact]
    public void Rewriting_the_scope_removes_both_annotations_then_sets_one()
    {
        var annotations = new Dictionary<string, string> { [SealedSecretAnnotations.ClusterWide] = "true", ["other"] = "x" };

        var result = SealingScopeReader.WithScope(annotations, SealingScope.NamespaceWide)!;

        Assert.Equal("true", result[SealedSecretAnnotations.NamespaceWide]);
        Assert.False(result.ContainsKey(SealedSecretAnnotations.ClusterWide));
        Assert.Equal("x", result["other"]);
        Assert.Null(SealingScopeReader.WithScope(new Dictionary<string, string> { [SealedSecretAnnotations.ClusterWide] = "true" }, SealingScope.Strict));
    }
}
