using System.Text.Json.Nodes;
using Kube.ApiServer.Patching;

namespace Kube.ApiServer.Tests.Patching;

public class JsonPatchTests
{
    // Cases in the spirit of RFC 6902 appendix A, each with our own documents.
    [Theory]
    [InlineData("""{"a":1}""", """[{"op":"add","path":"/b","value":"x"}]""", """{"a":1,"b":"x"}""")]
    [InlineData("""{"l":["p","r"]}""", """[{"op":"add","path":"/l/1","value":"q"}]""", """{"l":["p","q","r"]}""")]
    [InlineData("""{"a":1,"b":2}""", """[{"op":"remove","path":"/b"}]""", """{"a":1}""")]
    [InlineData("""{"l":["p","q","r"]}""", """[{"op":"remove","path":"/l/1"}]""", """{"l":["p","r"]}""")]
    [InlineData("""{"a":1,"b":2}""", """[{"op":"replace","path":"/a","value":{"n":true}}]""", """{"a":{"n":true},"b":2}""")]
    [InlineData("""{"s":{"x":"v","y":1},"t":{"z":2}}""", """[{"op":"move","from":"/s/x","path":"/t/x"}]""", """{"s":{"y":1},"t":{"z":2,"x":"v"}}""")]
    [InlineData("""{"l":[1,2,3,4]}""", """[{"op":"move","from":"/l/1","path":"/l/3"}]""", """{"l":[1,3,4,2]}""")]
    [InlineData("""{"a":{"b":[1]}}""", """[{"op":"copy","from":"/a","path":"/c"}]""", """{"a":{"b":[1]},"c":{"b":[1]}}""")]
    [InlineData("""{"n":[1,"two",{"3":3}],"s":"v"}""", """[{"op":"test","path":"/n","value":[1,"two",{"3":3}]},{"op":"test","path":"/s","value":"v"}]""", """{"n":[1,"two",{"3":3}],"s":"v"}""")]
    [InlineData("""{"a":{}}""", """[{"op":"add","path":"/a/child","value":{"grand":"x"}}]""", """{"a":{"child":{"grand":"x"}}}""")]
    [InlineData("""{"a":1}""", """[{"op":"add","path":"/a","value":[2]}]""", """{"a":[2]}""")]
    [InlineData("""{"l":[1,2]}""", """[{"op":"add","path":"/l/-","value":[3]}]""", """{"l":[1,2,[3]]}""")]
    [InlineData("""{"l":[]}""", """[{"op":"add","path":"/l/0","value":"first"}]""", """{"l":["first"]}""")]
    [InlineData("""{"k":1}""", """[{"op":"add","path":"/k","value":null}]""", """{"k":null}""")]
    [InlineData("""{"/":9,"~1":10}""", """[{"op":"test","path":"/~01","value":10},{"op":"remove","path":"/~1"}]""", """{"~1":10}""")]
    [InlineData("""{"":1}""", """[{"op":"replace","path":"/","value":2}]""", """{"":2}""")]
    [InlineData("""{"a":1}""", """[{"op":"replace","path":"","value":{"b":2}}]""", """{"b":2}""")]
    [InlineData("""{"n":1}""", """[{"op":"test","path":"/n","value":1.0}]""", """{"n":1}""")]
    [InlineData("""{"o":{"x":1,"y":2}}""", """[{"op":"test","path":"/o","value":{"y":2,"x":1}}]""", """{"o":{"x":1,"y":2}}""")]
    [InlineData("""{"a":1}""", """[{"op":"add","path":"/b","value":1,"extra":"ignored"}]""", """{"a":1,"b":1}""")]
    [InlineData("""{"metadata":{"labels":{"app.kubernetes.io/name":"x"}}}""", """[{"op":"remove","path":"/metadata/labels/app.kubernetes.io~1name"}]""", """{"metadata":{"labels":{}}}""")]
    [InlineData("""{"a":1}""", """[]""", """{"a":1}""")]
    public void Valid_operations_produce_the_expected_document(string target, string patch, string expected)
    {
        var result = JsonPatch.Apply(JsonNode.Parse(target)!, JsonNode.Parse(patch)!);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), result), result.ToJsonString());
    }

    [Theory]
    [InlineData("""{"a":1}""", """[{"op":"remove","path":"/missing"}]""")]
    [InlineData("""{"a":1}""", """[{"op":"replace","path":"/missing","value":1}]""")]
    [InlineData("""{"a":1}""", """[{"op":"add","path":"/x/y","value":1}]""")]
    [InlineData("""{"l":[1]}""", """[{"op":"add","path":"/l/2","value":1}]""")]
    [InlineData("""{"l":[1]}""", """[{"op":"remove","path":"/l/1"}]""")]
    [InlineData("""{"l":[1]}""", """[{"op":"add","path":"/l/01","value":1}]""")]
    [InlineData("""{"l":[1]}""", """[{"op":"remove","path":"/l/-"}]""")]
    [InlineData("""{"a":"x"}""", """[{"op":"test","path":"/a","value":"y"}]""")]
    [InlineData("""{"a":1}""", """[{"op":"test","path":"/a","value":"1"}]""")]
    [InlineData("""{"a":{"b":1}}""", """[{"op":"move","from":"/a","path":"/a/b/c"}]""")]
    [InlineData("""{"a":1}""", """[{"op":"copy","from":"/nope","path":"/b"}]""")]
    [InlineData("""{"a":1}""", """[{"op":"test","path":"/missing","value":null}]""")]
    public void Operations_that_cannot_be_applied_are_invalid_422(string target, string patch)
    {
        var error = Assert.Throws<PatchException>(() => JsonPatch.Apply(JsonNode.Parse(target)!, JsonNode.Parse(patch)!));
        Assert.Equal(422, error.StatusCode);
        Assert.Equal("Invalid", error.Reason);
    }

    [Theory]
    [InlineData("""{"op":"add","path":"/a","value":1}""")]
    [InlineData("""[1]""")]
    [InlineData("""[{"path":"/a","value":1}]""")]
    [InlineData("""[{"op":"add","value":1}]""")]
    [InlineData("""[{"op":"add","path":"/a"}]""")]
    [InlineData("""[{"op":"move","path":"/a"}]""")]
    [InlineData("""[{"op":"frobnicate","path":"/a"}]""")]
    [InlineData("""[{"op":"add","path":"a","value":1}]""")]
    [InlineData("""[{"op":"add","path":"/a~2","value":1}]""")]
    [InlineData("""[{"op":7,"path":"/a"}]""")]
    public void Undecodable_patches_are_bad_requests_400(string patch)
    {
        var error = Assert.Throws<PatchException>(() => JsonPatch.Apply(JsonNode.Parse("""{"a":1}""")!, JsonNode.Parse(patch)!));
        Assert.Equal(400, error.StatusCode);
        Assert.Equal("BadRequest", error.Reason);
    }

    [Fact]
    public void A_failing_operation_leaves_the_target_untouched_and_hides_values()
    {
        var target = JsonNode.Parse("""{"data":{"password":"c2VjcmV0"}}""")!;
        var patch = JsonNode.Parse("""[{"op":"remove","path":"/data/password"},{"op":"test","path":"/data/other","value":"aHVudGVyMg=="}]""")!;

        var error = Assert.Throws<PatchException>(() => JsonPatch.Apply(target, patch));

        Assert.Equal("""{"data":{"password":"c2VjcmV0"}}""", target.ToJsonString());
        Assert.DoesNotContain("aHVudGVyMg==", error.Message, StringComparison.Ordinal);
        Assert.Contains("/data/other", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Operations_apply_in_order_and_later_ones_see_earlier_results()
    {
        var patch = JsonNode.Parse("""[{"op":"add","path":"/a","value":{}},{"op":"add","path":"/a/b","value":1},{"op":"test","path":"/a/b","value":1},{"op":"copy","from":"/a","path":"/c"},{"op":"remove","path":"/a"}]""")!;
        var result = JsonPatch.Apply(JsonNode.Parse("{}")!, patch);
        Assert.Equal("""{"c":{"b":1}}""", result.ToJsonString());
    }

    [Fact]
    public void Failed_operations_map_to_the_generic_422_status_upstream_answers()
    {
        var error = Assert.Throws<PatchException>(() => JsonPatch.Apply(JsonNode.Parse("""{"a":1}""")!, JsonNode.Parse("""[{"op":"test","path":"/a","value":2}]""")!));

        var status = error.ToStatus();
        Assert.Equal("the server rejected our request due to an error in our request", status["message"]!.GetValue<string>());
        Assert.Equal("Invalid", status["reason"]!.GetValue<string>());
        Assert.Equal(422, status["code"]!.GetValue<int>());
        Assert.Equal("UnexpectedServerResponse", status["details"]!["causes"]![0]!["reason"]!.GetValue<string>());
        Assert.Contains("/a", status["details"]!["causes"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_requests_carry_their_message_directly()
    {
        var error = Assert.Throws<PatchException>(() => JsonPatch.Apply(JsonNode.Parse("{}")!, JsonNode.Parse("{}")!));

        var status = error.ToStatus();
        Assert.Equal(error.Message, status["message"]!.GetValue<string>());
        Assert.Equal("BadRequest", status["reason"]!.GetValue<string>());
        Assert.Null(status["details"]);
        Assert.Equal(400, status["code"]!.GetValue<int>());
    }
}
