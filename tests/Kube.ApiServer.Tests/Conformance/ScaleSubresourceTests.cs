using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Sigil.Testing;

namespace Kube.ApiServer.Tests.Conformance;

/// <summary>The <c>scale</c> subresource of CRDs that declare <c>subresources.scale</c> (autoscaling/v1 Scale).</summary>
public sealed class ScaleSubresourceTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private readonly EmbeddedCluster _cluster = fixture.Cluster;

    private static V1CustomResourceDefinition Pools(string group) => new()
    {
        Metadata = new V1ObjectMeta { Name = $"pools.{group}" },
        Spec = new V1CustomResourceDefinitionSpec
        {
            Group = group,
            Scope = "Namespaced",
            Names = new V1CustomResourceDefinitionNames { Plural = "pools", Singular = "pool", Kind = "Pool", ListKind = "PoolList" },
            Versions =
            [
                new V1CustomResourceDefinitionVersion
                {
                    Name = "v1",
                    Served = true,
                    Storage = true,
                    Subresources = new V1CustomResourceSubresources
                    {
                        Status = new object(),
                        Scale = new V1CustomResourceSubresourceScale
                        {
                            SpecReplicasPath = ".spec.size", StatusReplicasPath = ".status.ready", LabelSelectorPath = ".status.selector",
                        },
                    },
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
                                    Properties = new Dictionary<string, V1JSONSchemaProps>
                                    {
                                        ["size"] = new() { Type = "integer", Maximum = 10 },
                                        ["image"] = new() { Type = "string" },
                                    },
                                },
                                ["status"] = new()
                                {
                                    Type = "object",
                                    Properties = new Dictionary<string, V1JSONSchemaProps>
                                    {
                                        ["ready"] = new() { Type = "integer" },
                                        ["selector"] = new() { Type = "string" },
                                    },
                                },
                            },
                        },
                    },
                },
            ],
        },
    };

    private static async Task<(HttpStatusCode Code, JsonObject Body)> SendAsync(HttpClient http, HttpMethod method, string url, string? body = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        }

        using var response = await http.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    private async Task<(HttpClient Http, string Item, string Group)> PoolAsync()
    {
        var group = $"s{Guid.NewGuid().ToString("N")[..8]}.example.com";
        await _cluster.InstallCrdAsync(Pools(group));
        var http = _cluster.CreateHttpClient();
        var list = $"/apis/{group}/v1/namespaces/default/pools";
        var (created, _) = await SendAsync(http, HttpMethod.Post, list, """{"apiVersion":"placeholder","kind":"Pool","metadata":{"name":"p"},"spec":{"size":2,"image":"x"}}""".Replace("placeholder", $"{group}/v1", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.Created, created);
        var (statusCode, _) = await SendAsync(http, HttpMethod.Patch, $"{list}/p/status", """{"status":{"ready":1,"selector":"app=p"}}""", "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.OK, statusCode);
        return (http, $"{list}/p", group);
    }

    [Fact]
    public async Task The_scale_subresource_reads_replicas_from_the_declared_paths_and_is_in_discovery()
    {
        var (http, item, group) = await PoolAsync();
        using var _ = http;
        var (code, scale) = await SendAsync(http, HttpMethod.Get, $"{item}/scale");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("autoscaling/v1", (string?)scale["apiVersion"]);
        Assert.Equal("Scale", (string?)scale["kind"]);
        Assert.Equal("p", (string?)scale["metadata"]!["name"]);
        Assert.Equal("default", (string?)scale["metadata"]!["namespace"]);
        Assert.Equal(2, (int?)scale["spec"]!["replicas"]);
        Assert.Equal(1, (int?)scale["status"]!["replicas"]);
        Assert.Equal("app=p", (string?)scale["status"]!["selector"]);

        var (_, discovery) = await SendAsync(http, HttpMethod.Get, $"/apis/{group}/v1");
        var entry = discovery["resources"]!.AsArray().Single(r => (string?)r!["name"] == "pools/scale")!;
        Assert.Equal(("autoscaling", "v1", "Scale"), ((string?)entry["group"], (string?)entry["version"], (string?)entry["kind"]));
    }

    [KubectlFact]
    public async Task Kubectl_scale_changes_the_spec_replicas_of_the_custom_resource()
    {
        var (http, item, group) = await PoolAsync();
        using var _ = http;
        var scaled = (await _cluster.KubectlAsync("scale", $"pools.{group}/p", "--replicas=5", "-n", "default")).EnsureSuccess();
        Assert.Contains("scaled", scaled.StdOut, StringComparison.Ordinal);
        var (_, pool) = await SendAsync(http, HttpMethod.Get, item);
        Assert.Equal(5, (int?)pool["spec"]!["size"]);
        Assert.Equal("x", (string?)pool["spec"]!["image"]);
        Assert.Equal(2, (int?)pool["metadata"]!["generation"]);
        Assert.Equal(1, (int?)pool["status"]!["ready"]);

        // --current-replicas makes kubectl GET the Scale and PUT it back with its resourceVersion.
        (await _cluster.KubectlAsync("scale", $"pools.{group}/p", "--current-replicas=5", "--replicas=3", "-n", "default")).EnsureSuccess();
        Assert.Equal(3, (int?)(await SendAsync(http, HttpMethod.Get, item)).Body["spec"]!["size"]);
    }

    [Fact]
    public async Task Scale_updates_check_the_resourceVersion_the_replicas_and_the_schema()
    {
        var (http, item, _) = await PoolAsync();
        using var _ = http;
        var (_, scale) = await SendAsync(http, HttpMethod.Get, $"{item}/scale");
        scale["spec"]!["replicas"] = 4;
        var (ok, updated) = await SendAsync(http, HttpMethod.Put, $"{item}/scale", scale.ToJsonString());
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal(4, (int?)updated["spec"]!["replicas"]);
        Assert.NotEqual((string?)scale["metadata"]!["resourceVersion"], (string?)updated["metadata"]!["resourceVersion"]);

        // The old resourceVersion is now stale.
        var (conflict, status) = await SendAsync(http, HttpMethod.Put, $"{item}/scale", scale.ToJsonString());
        Assert.Equal(HttpStatusCode.Conflict, conflict);
        Assert.Equal("Conflict", (string?)status["reason"]);

        var (negative, invalid) = await SendAsync(http, HttpMethod.Patch, $"{item}/scale", """{"spec":{"replicas":-1}}""", "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, negative);
        Assert.Equal("Scale.autoscaling \"p\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0", (string?)invalid["message"]);

        // The custom resource's own schema still applies (maximum 10).
        var (tooMany, _) = await SendAsync(http, HttpMethod.Patch, $"{item}/scale", """{"spec":{"replicas":11}}""", "application/merge-patch+json");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, tooMany);
        Assert.Equal(4, (int?)(await SendAsync(http, HttpMethod.Get, item)).Body["spec"]!["size"]);
    }

    [Fact]
    public async Task A_CRD_whose_scale_paths_are_outside_spec_and_status_is_refused()
    {
        var crd = Pools($"bad{Guid.NewGuid().ToString("N")[..6]}.example.com");
        crd.Spec.Versions[0].Subresources.Scale.SpecReplicasPath = ".status.size";
        crd.Spec.Versions[0].Subresources.Scale.StatusReplicasPath = string.Empty;
        var e = await Assert.ThrowsAsync<k8s.Autorest.HttpOperationException>(() => _cluster.Client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, e.Response.StatusCode);
        var message = (string)JsonNode.Parse(e.Response.Content)!["message"]!;
        Assert.Contains("spec.versions[0].subresources.scale.specReplicasPath: Invalid value: \".status.size\": should be a json path under .spec", message, StringComparison.Ordinal);
        Assert.Contains("spec.versions[0].subresources.scale.statusReplicasPath: Required value", message, StringComparison.Ordinal);
    }
}
