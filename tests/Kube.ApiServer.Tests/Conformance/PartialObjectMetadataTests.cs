using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Sigil.Testing;

namespace Kube.ApiServer.Tests.Conformance;

/// <summary>
/// <c>Accept: …;as=PartialObjectMetadata(List);g=meta.k8s.io;v=v1</c>: metadata-only get, list and
/// watch with kube-apiserver's response shapes (handlers/response.go) and 406 where it refuses.
/// </summary>
public sealed class PartialObjectMetadataTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private const string ListAccept = "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1,application/json";
    private const string ObjectAccept = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json";

    private readonly EmbeddedCluster _cluster = fixture.Cluster;

    [Fact]
    public async Task A_metadata_list_holds_each_objects_metadata_and_no_data_and_pages_like_a_list()
    {
        var ns = await NamespaceAsync();
        for (var i = 0; i < 3; i++)
        {
            await _cluster.Client.CoreV1.CreateNamespacedSecretAsync(Secret($"s{i}"), ns);
        }

        var list = await GetJsonAsync($"/api/v1/namespaces/{ns}/secrets?limit=2", ListAccept);
        Assert.Equal("PartialObjectMetadataList", (string?)list["kind"]);
        Assert.Equal("meta.k8s.io/v1", (string?)list["apiVersion"]);
        Assert.NotNull((string?)list["metadata"]!["resourceVersion"]);
        var next = (string?)list["metadata"]!["continue"];
        Assert.NotNull(next);
        var items = list["items"]!.AsArray();
        Assert.Equal(2, items.Count);
        foreach (var item in items)
        {
            Assert.Equal(["kind", "apiVersion", "metadata"], item!.AsObject().Select(p => p.Key));
            Assert.Equal("PartialObjectMetadata", (string?)item["kind"]);
            Assert.Equal("meta.k8s.io/v1", (string?)item["apiVersion"]);
            Assert.Equal("v", (string?)item["metadata"]!["labels"]!["k"]);
            Assert.NotNull((string?)item["metadata"]!["uid"]);
        }

        var rest = await GetJsonAsync($"/api/v1/namespaces/{ns}/secrets?limit=2&continue={Uri.EscapeDataString(next!)}", ListAccept);
        Assert.Equal("s2", (string?)rest["items"]![0]!["metadata"]!["name"]);

        var beta = await GetJsonAsync($"/api/v1/namespaces/{ns}/secrets", "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1beta1");
        Assert.Equal("meta.k8s.io/v1beta1", (string?)beta["apiVersion"]);
        Assert.Equal("meta.k8s.io/v1beta1", (string?)beta["items"]![0]!["apiVersion"]);
    }

    [Fact]
    public async Task A_metadata_get_returns_one_PartialObjectMetadata_and_a_list_form_on_a_get_is_406()
    {
        var ns = await NamespaceAsync();
        await _cluster.Client.CoreV1.CreateNamespacedSecretAsync(Secret("one"), ns);

        var obj = await GetJsonAsync($"/api/v1/namespaces/{ns}/secrets/one", ObjectAccept);
        Assert.Equal("PartialObjectMetadata", (string?)obj["kind"]);
        Assert.Equal("one", (string?)obj["metadata"]!["name"]);
        Assert.Null(obj["data"]);

        var (code, status) = await SendAsync($"/api/v1/namespaces/{ns}/secrets/one", "application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1");
        Assert.Equal(HttpStatusCode.NotAcceptable, code);
        Assert.Equal("NotAcceptable", (string?)status["reason"]);
        Assert.Equal("you requested PartialObjectMetadataList, but the requested object is not a list (*core.Secret)", (string?)status["message"]);

        (code, status) = await SendAsync($"/api/v1/namespaces/{ns}/secrets", "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1");
        Assert.Equal(HttpStatusCode.NotAcceptable, code);
        Assert.Equal("you requested PartialObjectMetadata, but the requested object is a list (*core.SecretList)", (string?)status["message"]);
    }

    [Fact]
    public async Task An_unsupported_as_kind_without_a_fallback_is_406_and_with_a_fallback_is_the_plain_object()
    {
        var ns = await NamespaceAsync();
        await _cluster.Client.CoreV1.CreateNamespacedSecretAsync(Secret("one"), ns);

        var (code, status) = await SendAsync($"/api/v1/namespaces/{ns}/secrets", "application/json;as=Pod;g=meta.k8s.io;v=v1");
        Assert.Equal(HttpStatusCode.NotAcceptable, code);
        Assert.Equal(406, (int)status["code"]!);
        Assert.Equal("only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf", (string?)status["message"]);

        (code, _) = await SendAsync($"/api/v1/namespaces/{ns}/secrets", "application/json;as=PartialObjectMetadataList;g=example.com;v=v1");
        Assert.Equal(HttpStatusCode.NotAcceptable, code);

        var plain = await GetJsonAsync($"/api/v1/namespaces/{ns}/secrets", "application/json;as=Pod;g=meta.k8s.io;v=v1,application/json");
        Assert.Equal("SecretList", (string?)plain["kind"]);
        Assert.NotNull(plain["items"]![0]!["data"]);
    }

    [Fact]
    public async Task A_metadata_watch_sends_events_and_bookmarks_as_PartialObjectMetadata()
    {
        var ns = await NamespaceAsync();
        var rv = (await _cluster.Client.CoreV1.ListNamespacedSecretAsync(ns)).Metadata.ResourceVersion;
        await _cluster.Client.CoreV1.CreateNamespacedSecretAsync(Secret("w"), ns);
        await _cluster.Client.CoreV1.DeleteNamespacedSecretAsync("w", ns);

        using var http = _cluster.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/v1/namespaces/{ns}/secrets?watch=true&allowWatchBookmarks=true&resourceVersion={rv}&timeoutSeconds=1", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Accept", ObjectAccept);
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        var events = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();

        Assert.Equal(["ADDED", "DELETED"], events.Select(e => (string?)e["type"]).Where(t => t != "BOOKMARK"));
        Assert.Contains(events, e => (string?)e["type"] == "BOOKMARK");
        Assert.All(events, e =>
        {
            Assert.Equal("PartialObjectMetadata", (string?)e["object"]!["kind"]);
            Assert.Equal("meta.k8s.io/v1", (string?)e["object"]!["apiVersion"]);
            Assert.Null(e["object"]!["data"]);
        });
        Assert.Equal("w", (string?)events[0]["object"]!["metadata"]!["name"]);
    }

    [Fact]
    public async Task The_CSharp_client_can_read_a_metadata_list_into_its_typed_list()
    {
        var ns = await NamespaceAsync();
        await _cluster.Client.CoreV1.CreateNamespacedSecretAsync(Secret("typed"), ns);
        var list = KubernetesJson.Deserialize<V1SecretList>((await GetJsonAsync($"/api/v1/namespaces/{ns}/secrets", ListAccept)).ToJsonString());
        var item = Assert.Single(list.Items);
        Assert.Equal("typed", item.Metadata.Name);
        Assert.Null(item.Data);
    }

    private static V1Secret Secret(string name) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["k"] = "v" } },
        Data = new Dictionary<string, byte[]> { ["blob"] = new byte[4096] },
    };

    private async Task<string> NamespaceAsync()
    {
        var name = "pom-" + Guid.NewGuid().ToString("N")[..8];
        await _cluster.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }

    private async Task<JsonNode> GetJsonAsync(string path, string accept)
    {
        var (code, body) = await SendAsync(path, accept);
        Assert.Equal(HttpStatusCode.OK, code);
        return body;
    }

    private async Task<(HttpStatusCode Code, JsonNode Body)> SendAsync(string path, string accept)
    {
        using var http = _cluster.CreateHttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await http.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }
}
