using System.Text.Json.Nodes;
using Kube.ApiServer.Http;

namespace Kube.ApiServer.Tests.OpenApi;

public class OpenApiV2UnitTests
{
    [Theory]
    [InlineData("application/com.github.proto-openapi.spec.v2@v1.0+protobuf", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf")]
    [InlineData("application/com.github.proto-openapi.spec.v2.v1.0+protobuf", "application/com.github.proto-openapi.spec.v2.v1.0+protobuf")]
    [InlineData("application/json", "application/json")]
    [InlineData("", "application/json")]
    [InlineData("*/*", "application/json")]
    [InlineData("application/*", "application/json")]
    [InlineData("application/json;q=0.5, application/com.github.proto-openapi.spec.v2.v1.0+protobuf", "application/com.github.proto-openapi.spec.v2.v1.0+protobuf")]
    [InlineData("*/*;q=0.1, application/com.github.proto-openapi.spec.v2@v1.0+protobuf;q=0.9", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf")]
    [InlineData("text/html", null)]
    [InlineData("application/json;q=0", null)]
    public void The_v2_media_type_is_negotiated_like_kube_openapi(string accept, string? expected) =>
        Assert.Equal(expected, ApiHandler.NegotiateOpenApiV2(accept));

    [Fact]
    public void Converting_a_CRD_schema_to_v2_drops_what_kubectl_cannot_validate()
    {
        var v3 = JsonNode.Parse("""
            {"type":"object","required":["a","n"],"x-kubernetes-validations":[{"rule":"true"}],
             "properties":{
               "a":{"type":"string","enum":["x","y"],"default":"x","anyOf":[{"pattern":"x"}]},
               "n":{"type":"object","nullable":true,"properties":{"q":{"type":"string"}}},
               "ios":{"x-kubernetes-int-or-string":true,"anyOf":[{"type":"integer"},{"type":"string"}]},
               "free":{"type":"array","x-kubernetes-preserve-unknown-fields":true,"items":{"type":"string"}},
               "m":{"type":"object","additionalProperties":{"type":"integer","format":"int64","minimum":0}}}}
            """)!.AsObject();
        var v2 = OpenApiSchemas.ToV2(v3);
        var expected = JsonNode.Parse("""
            {"type":"object","required":["a"],"x-kubernetes-validations":[{"rule":"true"}],
             "properties":{
               "a":{"type":"string","enum":["x","y"],"default":"x"},
               "n":{},
               "ios":{"x-kubernetes-int-or-string":true},
               "free":{"x-kubernetes-preserve-unknown-fields":true},
               "m":{"type":"object","additionalProperties":{"type":"integer","format":"int64","minimum":0}}}}
            """);
        Assert.True(JsonNode.DeepEquals(expected, v2), v2.ToJsonString());
    }
}
