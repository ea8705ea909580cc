using System.Net;
using System.Text.Json.Nodes;
using k8s.Models;
using Kube.ApiServer.Http;
using Kube.ApiServer.Tests.Conformance;
using Sigil.Testing;

namespace Kube.ApiServer.Tests.OpenApi;

/// <summary><c>/openapi/v2</c> over HTTP: both encodings, negotiation, ETag revalidation, CRD changes.</summary>
public sealed class OpenApiV2Tests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private const string KubectlAccept = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";
    private const string ProtobufType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    private readonly EmbeddedCluster _cluster = fixture.Cluster;

    private static async Task<HttpResponseMessage> GetAsync(HttpClient http, string? accept, string? ifNoneMatch = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/openapi/v2", UriKind.Relative));
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        return await http.SendAsync(request);
    }

    [Fact]
    public async Task The_protobuf_document_decodes_to_the_JSON_document_and_both_share_one_ETag()
    {
        using var http = _cluster.CreateHttpClient();
        using var json = await GetAsync(http, "application/json");
        using var proto = await GetAsync(http, KubectlAccept);
        Assert.Equal(HttpStatusCode.OK, json.StatusCode);
        Assert.Equal(HttpStatusCode.OK, proto.StatusCode);
        Assert.Equal("application/json", json.Content.Headers.ContentType!.MediaType);
        Assert.Equal(ProtobufType, proto.Content.Headers.ContentType!.MediaType);
        Assert.Equal(json.Headers.ETag, proto.Headers.ETag);
        Assert.Contains("Accept", json.Headers.Vary);

        var fromJson = JsonNode.Parse(await json.Content.ReadAsStringAsync())!.AsObject();
        var fromProto = OpenApiV2ProtoReader.ReadDocument(await proto.Content.ReadAsByteArrayAsync());
        Assert.Equal("2.0", (string?)fromProto["swagger"]);
        Assert.True(JsonNode.DeepEquals(fromJson, fromProto), "the protobuf document differs from the JSON document");

        var secret = fromProto["definitions"]!["io.k8s.api.core.v1.Secret"]!;
        Assert.Equal("Secret", (string?)secret["x-kubernetes-group-version-kind"]![0]!["kind"]);
        Assert.Equal("byte", (string?)secret["properties"]!["data"]!["additionalProperties"]!["format"]);
    }

    [Fact]
    public async Task A_matching_If_None_Match_gets_304_and_a_new_CRD_changes_the_ETag_and_adds_its_definition()
    {
        using var http = _cluster.CreateHttpClient();
        using var first = await GetAsync(http, KubectlAccept);
        var etag = first.Headers.ETag!.Tag;
        using (var again = await GetAsync(http, KubectlAccept, etag))
        {
            Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
            Assert.Empty(await again.Content.ReadAsByteArrayAsync());
        }

        using (var weak = await GetAsync(http, "application/json", "W/" + etag))
        {
            Assert.Equal(HttpStatusCode.NotModified, weak.StatusCode);
        }

        var group = $"g{Guid.NewGuid().ToString("N")[..8]}.example.com";
        await _cluster.InstallCrdAsync(Gadgets(group));
        using var changed = await GetAsync(http, KubectlAccept, etag);
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag!.Tag);
        var doc = OpenApiV2ProtoReader.ReadDocument(await changed.Content.ReadAsByteArrayAsync());
        var reversed = string.Join('.', group.Split('.').Reverse());
        var gadget = doc["definitions"]![$"{reversed}.v1.Gadget"]!;
        Assert.Equal($"#/definitions/{OpenApiSchemas.ObjectMeta}", (string?)gadget["properties"]!["metadata"]!["$ref"]);
        Assert.Equal(group, (string?)gadget["x-kubernetes-group-version-kind"]![0]!["group"]);
        // v2 has no null: the nullable field lost its type, and the preserve-unknown-fields node its properties.
        Assert.Null(gadget["properties"]!["spec"]!["properties"]!["note"]!["type"]);
        Assert.Null(gadget["properties"]!["spec"]!["properties"]!["extra"]!["properties"]);
        Assert.Equal("object", (string?)gadget["properties"]!["spec"]!["properties"]!["extra"]!["type"]);
    }

    [Fact]
    public async Task An_unacceptable_Accept_gets_406()
    {
        using var http = _cluster.CreateHttpClient();
        using var response = await GetAsync(http, "text/html");
        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }

    internal static V1CustomResourceDefinition Gadgets(string group) => new()
    {
        Metadata = new V1ObjectMeta { Name = $"gadgets.{group}" },
        Spec = new V1CustomResourceDefinitionSpec
        {
            Group = group,
            Scope = "Namespaced",
            Names = new V1CustomResourceDefinitionNames { Plural = "gadgets", Singular = "gadget", Kind = "Gadget", ListKind = "GadgetList" },
            Versions =
            [
                new V1CustomResourceDefinitionVersion
                {
                    Name = "v1",
                    Served = true,
                    Storage = true,
                    Schema = new V1CustomResourceValidation
                    {
                        OpenAPIV3Schema = new V1JSONSchemaProps
                        {
                            Type = "object",
                            Properties = new Dictionary<string, V1JSONSchemaProps>
                            {
                                ["spec"] = new()
                                {
                                    Type = "object",
                                    Required = ["size"],
                                    Properties = new Dictionary<string, V1JSONSchemaProps>
                                    {
                                        ["size"] = new() { Type = "integer", Minimum = 1 },
                                        ["note"] = new() { Type = "string", Nullable = true },
                                        ["extra"] = new()
                                        {
                                            Type = "object",
                                            XKubernetesPreserveUnknownFields = true,
                                            Properties = new Dictionary<string, V1JSONSchemaProps> { ["known"] = new() { Type = "string" } },
                                        },
                                    },
                                },
                            },
                        },
                    },
                },
            ],
        },
    };
}
