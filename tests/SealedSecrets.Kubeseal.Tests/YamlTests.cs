using System.Text.Json.Nodes;
using SealedSecrets.Kubeseal.Manifests;

namespace SealedSecrets.Kubeseal.Tests;

public sealed class YamlTests
{
    [Theory]
    [InlineData("true", "a: \"true\"\n")]
    [InlineData("yes", "a: \"yes\"\n")]
    [InlineData("123", "a: \"123\"\n")]
    [InlineData("1.5", "a: \"1.5\"\n")]
    [InlineData("2026-01-01", "a: \"2026-01-01\"\n")]
    [InlineData("", "a: \"\"\n")]
    [InlineData("null", "a: \"null\"\n")]
    [InlineData("AgBy3i4OJSWK+PiTySYZZA==", "a: AgBy3i4OJSWK+PiTySYZZA==\n")]
    [InlineData("production/checkout", "a: production/checkout\n")]
    public void Strings_that_would_read_back_as_another_type_are_double_quoted(string value, string expected)
    {
        Assert.Equal(expected, YamlWriter.Write(new JsonObject { ["a"] = value }));
    }

    [Fact]
    public void Keys_are_sorted_sequences_sit_under_their_key_and_empty_maps_are_braces()
    {
        var tree = JsonNode.Parse("""{"b":{"z":1,"w":[{"k":"v"}]},"a":{},"c":true}""");

        Assert.Equal("a: {}\nb:\n  w:\n  - k: v\n  z: 1\nc: true\n", YamlWriter.Write(tree));
    }

    [Fact]
    public void Whatever_is_written_reads_back_the_same()
    {
        var tree = JsonNode.Parse("""{"s":"line one\nline two\n","n":"123","t":"true","e":"","x":": colon","h":"#hash","q":"it's","u":"ünïcode","num":42,"f":false,"nil":null}""")!;

        var back = YamlDocuments.Parse(YamlWriter.Write(tree));

        Assert.True(JsonNode.DeepEquals(tree, Assert.Single(back)), YamlWriter.Write(tree));
    }

    [Fact]
    public void Aliases_and_deep_nesting_are_refused()
    {
        var alias = Assert.Throws<KubesealException>(() => YamlDocuments.Parse("a: &x [1]\nb: *x\n"));
        var deep = Assert.Throws<KubesealException>(() => YamlDocuments.Parse(new string('[', 100) + new string(']', 100)));

        Assert.Contains("aliases", alias.Message, StringComparison.Ordinal);
        Assert.Contains("nesting", deep.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Empty_documents_are_skipped_and_scalars_resolve_like_kubernetes_yaml()
    {
        var documents = YamlDocuments.Parse("---\n---\na: 1\nb: '1'\nc: ~\nd: True\ne: n\n---\n");

        var doc = Assert.Single(documents)!;
        Assert.Equal("""{"a":1,"b":"1","c":null,"d":true,"e":"n"}""", doc.ToJsonString());
    }
}
