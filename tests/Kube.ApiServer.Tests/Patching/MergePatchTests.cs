using System.Text.Json.Nodes;
using Kube.ApiServer.Patching;

namespace Kube.ApiServer.Tests.Patching;

public class MergePatchTests
{
    // The RFC 7386 appendix A table, re-expressed with our own keys.
    [Theory]
    [InlineData("""{"k":"v"}""", """{"k":"w"}""", """{"k":"w"}""")]
    [InlineData("""{"k":"v"}""", """{"j":"w"}""", """{"k":"v","j":"w"}""")]
    [InlineData("""{"k":"v"}""", """{"k":null}""", """{}""")]
    [InlineData("""{"k":"v","j":"w"}""", """{"k":null}""", """{"j":"w"}""")]
    [InlineData("""{"k":["v"]}""", """{"k":"w"}""", """{"k":"w"}""")]
    [InlineData("""{"k":"v"}""", """{"k":["w"]}""", """{"k":["w"]}""")]
    [InlineData("""{"k":{"j":"v"}}""", """{"k":{"j":"w","i":null}}""", """{"k":{"j":"w"}}""")]
    [InlineData("""{"k":[{"j":"v"}]}""", """{"k":[1]}""", """{"k":[1]}""")]
    [InlineData("""{"k":[1,2]}""", """{"k":[3]}""", """{"k":[3]}""")]
    [InlineData("""{}""", """{"k":{"j":null}}""", """{"k":{}}""")]
    [InlineData("""{"e":{}}""", """{"k":{"j":{"i":"v"}}}""", """{"e":{},"k":{"j":{"i":"v"}}}""")]
    [InlineData("""{"k":"v"}""", """{}""", """{"k":"v"}""")]
    [InlineData("""{"k":1}""", """{"k":{"n":null,"m":2}}""", """{"k":{"m":2}}""")]
    [InlineData("""{"metadata":{"labels":{"a":"1","b":"2"}}}""", """{"metadata":{"labels":{"b":null,"c":"3"}}}""", """{"metadata":{"labels":{"a":"1","c":"3"}}}""")]
    public void Merge_patch_follows_rfc_7386(string target, string patch, string expected)
    {
        var result = MergePatch.Apply(JsonNode.Parse(target)!, JsonNode.Parse(patch)!);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), result), result.ToJsonString());
    }

    [Fact]
    public void A_non_object_patch_replaces_the_whole_document()
    {
        var result = MergePatch.Apply(JsonNode.Parse("""{"a":1}""")!, JsonNode.Parse("""["x"]""")!);
        Assert.Equal("""["x"]""", result.ToJsonString());
    }

    [Fact]
    public void The_target_is_not_modified_and_member_order_is_kept()
    {
        var target = JsonNode.Parse("""{"a":1,"b":{"c":2},"d":3}""")!;
        var result = MergePatch.Apply(target, JsonNode.Parse("""{"b":{"e":4},"a":5}""")!);
        Assert.Equal("""{"a":1,"b":{"c":2},"d":3}""", target.ToJsonString());
        Assert.Equal("""{"a":5,"b":{"c":2,"e":4},"d":3}""", result.ToJsonString());
    }
}
