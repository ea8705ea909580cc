using System.Text;
using SealedSecrets.Crypto;

namespace SealedSecrets.Crypto.Tests;

public sealed class ScopeLabelTests
{
    [Theory]
    [InlineData(SealingScope.Strict, "production", "checkout-secrets", "production/checkout-secrets")]
    [InlineData(SealingScope.Strict, "", "", "/")]
    [InlineData(SealingScope.Strict, null, null, "/")]
    [InlineData(SealingScope.NamespaceWide, "production", "checkout-secrets", "production")]
    [InlineData(SealingScope.ClusterWide, "production", "checkout-secrets", "")]
    public void The_label_is_upstreams_string_for_each_scope(SealingScope scope, string? ns, string? name, string expected)
    {
        Assert.Equal(expected, Encoding.UTF8.GetString(ScopeLabel.For(scope, ns, name)));
    }

    [Theory]
    [InlineData("", SealingScope.Strict)]
    [InlineData("strict", SealingScope.Strict)]
    [InlineData("namespace-wide", SealingScope.NamespaceWide)]
    [InlineData("cluster-wide", SealingScope.ClusterWide)]
    public void Scope_names_parse_as_upstream(string name, SealingScope expected)
    {
        Assert.True(SealingScopeNames.TryParse(name, out var scope));
        Assert.Equal(expected, scope);
    }

    [Theory]
    [InlineData("Strict")]
    [InlineData("cluster")]
    [InlineData("namespace")]
    public void Other_scope_names_are_refused(string name)
    {
        Assert.False(SealingScopeNames.TryParse(name, out _));
    }

    [Fact]
    public void Scopes_print_as_their_flag_names()
    {
        Assert.Equal("namespace-wide", SealingScope.NamespaceWide.ToName());
    }
}
