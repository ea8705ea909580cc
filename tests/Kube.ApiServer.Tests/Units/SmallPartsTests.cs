using System.Text.Json.Nodes;
using Kube.ApiServer.Http;
using Kube.ApiServer.Resources;

namespace Kube.ApiServer.Tests.Units;

public class SmallPartsTests
{
    [Fact]
    public void Api_versions_sort_by_kubernetes_priority()
    {
        var versions = new List<string> { "v1alpha1", "v2beta1", "foo", "v1", "v1beta2", "v2", "v1beta1" };
        versions.Sort(KubeVersionComparer.Instance);
        Assert.Equal(["v2", "v1", "v2beta1", "v1beta2", "v1beta1", "v1alpha1", "foo"], versions);
    }

    [Theory]
    [InlineData(5, "5s")]
    [InlineData(119, "119s")]
    [InlineData(150, "2m30s")]
    [InlineData(600, "10m")]
    [InlineData(3 * 3600 + 60, "3h1m")]
    [InlineData(10 * 3600, "10h")]
    [InlineData(3 * 86400, "3d")]
    [InlineData(20 * 86400, "20d")]
    public void Ages_render_like_kubectl(int seconds, string expected)
    {
        var now = new DateTimeOffset(2026, 1, 10, 0, 0, 0, TimeSpan.Zero);
        Assert.Equal(expected, TableWriter.Age(JsonObjects.Timestamp(now.AddSeconds(-seconds)), now));
    }

    [Theory]
    [InlineData(".spec.size", "3")]
    [InlineData(".status.conditions[?(@.type==\"Ready\")].status", "\"True\"")]
    [InlineData(".status.conditions[0].type", "\"Synced\"")]
    [InlineData(".status.conditions[-1].type", "\"Ready\"")]
    [InlineData(".spec.missing", null)]
    public void Printer_column_json_paths_resolve(string path, string? expected)
    {
        var obj = JsonNode.Parse("""{"spec":{"size":3},"status":{"conditions":[{"type":"Synced","status":"False"},{"type":"Ready","status":"True"}]}}""")!;
        Assert.Equal(expected, JsonPathLite.Evaluate(obj, path)?.ToJsonString());
    }

    [Fact]
    public void Continue_tokens_round_trip_and_garbage_is_400()
    {
        var token = ContinueToken.Create("42", "ns", "name");
        Assert.Equal(("ns", "name", "42"), ContinueToken.Parse(token));
        Assert.Equal(400, Assert.Throws<ApiException>(() => ContinueToken.Parse("%%%")).Code);
    }

    [Theory]
    [InlineData("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json", "v2")]
    [InlineData("application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json", "v2beta1")]
    [InlineData("application/json", null)]
    [InlineData("", null)]
    public void Aggregated_discovery_is_negotiated_from_accept(string accept, string? expected) =>
        Assert.Equal(expected, MediaTypes.AggregatedDiscovery(accept));

    [Fact]
    public void Status_errors_have_the_upstream_shape()
    {
        var status = ApiException.NotFound("sealedsecrets", "bitnami.com", "x").ToStatus();
        Assert.Equal("""{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"sealedsecrets.bitnami.com \"x\" not found","reason":"NotFound","details":{"name":"x","group":"bitnami.com","kind":"sealedsecrets"},"code":404}""",
            System.Text.Encoding.UTF8.GetString(JsonObjects.ToBytes(status)));
        var invalid = ApiException.Invalid("ConfigMap", null, "bad", "metadata.labels", "Invalid value: \"-x\": bad");
        Assert.Equal("ConfigMap \"bad\" is invalid: metadata.labels: Invalid value: \"-x\": bad", invalid.Message);
        Assert.Equal(422, invalid.Code);
    }
}
