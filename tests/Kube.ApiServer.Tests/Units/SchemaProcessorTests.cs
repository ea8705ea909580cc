using System.Text.Json.Nodes;
using Kube.ApiServer.Crd;

namespace Kube.ApiServer.Tests.Units;

public class SchemaProcessorTests
{
    private static readonly JsonObject Schema = JsonNode.Parse("""
        {"type":"object","properties":{
          "spec":{"type":"object","required":["name"],"properties":{
            "name":{"type":"string","minLength":2,"pattern":"^[a-z]+$"},
            "refreshInterval":{"type":"string","default":"1h"},
            "policy":{"type":"object","default":{},"properties":{"creation":{"type":"string","default":"Owner","enum":["Owner","Orphan","Merge","None"]}}},
            "port":{"x-kubernetes-int-or-string":true},
            "labels":{"type":"object","additionalProperties":{"type":"string"}},
            "free":{"type":"object","x-kubernetes-preserve-unknown-fields":true},
            "items":{"type":"array","maxItems":2,"items":{"type":"integer"}}}}}}
        """)!.AsObject();

    private static (JsonObject Obj, SchemaProcessor.Result Result) Run(string spec)
    {
        var obj = JsonNode.Parse($$"""{"apiVersion":"x.io/v1","kind":"K","metadata":{"name":"n"},"spec":{{spec}}}""")!.AsObject();
        return (obj, SchemaProcessor.Process(obj, Schema));
    }

    [Fact]
    public void Defaults_are_applied_including_nested_defaults_of_defaulted_objects()
    {
        var (obj, result) = Run("""{"name":"abc"}""");
        Assert.Empty(result.Errors);
        Assert.Equal("1h", (string?)obj["spec"]!["refreshInterval"]);
        Assert.Equal("Owner", (string?)obj["spec"]!["policy"]!["creation"]);
    }

    [Fact]
    public void Unknown_fields_are_pruned_and_reported_but_preserved_where_the_schema_says_so()
    {
        var (obj, result) = Run("""{"name":"abc","bogus":1,"free":{"anything":true},"labels":{"a":"b"}}""");
        Assert.Equal(["spec.bogus"], result.UnknownFields);
        Assert.Null(obj["spec"]!["bogus"]);
        Assert.True((bool)obj["spec"]!["free"]!["anything"]!);
        Assert.Equal("b", (string?)obj["spec"]!["labels"]!["a"]);
    }

    [Theory]
    [InlineData("""{}""", "spec.name", "Required value")]
    [InlineData("""{"name":"a"}""", "spec.name", "at least 2")]
    [InlineData("""{"name":"ABC"}""", "spec.name", "should match")]
    [InlineData("""{"name":"abc","policy":{"creation":"Later"}}""", "spec.policy.creation", "Unsupported value")]
    [InlineData("""{"name":"abc","port":true}""", "spec.port", "integer or string")]
    [InlineData("""{"name":"abc","items":[1,2,3]}""", "spec.items", "Too long")]
    [InlineData("""{"name":"abc","items":["x"]}""", "spec.items[0]", "must be of type integer")]
    [InlineData("""{"name":5}""", "spec.name", "must be of type string")]
    public void Violations_name_the_field(string spec, string field, string message)
    {
        var (_, result) = Run(spec);
        Assert.Contains(result.Errors, e => e.Field == field && e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void Int_or_string_accepts_both()
    {
        Assert.Empty(Run("""{"name":"abc","port":8080}""").Result.Errors);
        Assert.Empty(Run("""{"name":"abc","port":"http"}""").Result.Errors);
    }
}
