using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Sigil.Testing;

namespace Kube.ApiServer.Tests.Conformance;

/// <summary>List <c>resourceVersion</c> / <c>resourceVersionMatch</c> semantics and continue snapshots, with upstream's Status errors.</summary>
public sealed class ResourceVersionMatchTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private readonly EmbeddedCluster _cluster = fixture.Cluster;

    private static async Task<(HttpStatusCode Code, JsonObject Body)> GetAsync(HttpClient http, string url)
    {
        using var response = await http.GetAsync(new Uri(url, UriKind.Relative));
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }

    private static async Task<string> SendAsync(HttpClient http, HttpMethod method, string url, string? json = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(url, UriKind.Relative));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, method == HttpMethod.Patch ? "application/merge-patch+json" : "application/json");
        }

        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return body;
    }

    private async Task<(HttpClient Http, string Path)> NamespaceAsync()
    {
        var http = _cluster.CreateHttpClient();
        var ns = $"rv-{Guid.NewGuid().ToString("N")[..8]}";
        await SendAsync(http, HttpMethod.Post, "/api/v1/namespaces", $$$"""{"metadata":{"name":"{{{ns}}}"}}""");
        return (http, $"/api/v1/namespaces/{ns}/configmaps");
    }

    private static string ConfigMap(string name, string value) => $$$"""{"metadata":{"name":"{{{name}}}"},"data":{"v":"{{{value}}}"}}""";

    private static string Rv(JsonObject list) => (string)list["metadata"]!["resourceVersion"]!;

    private static List<(string Name, string Value)> Items(JsonObject list) =>
        [.. list["items"]!.AsArray().Select(i => ((string)i!["metadata"]!["name"]!, (string)i["data"]!["v"]!))];

    [Fact]
    public async Task Exact_lists_the_state_at_that_revision_and_NotOlderThan_the_current_state()
    {
        var (http, path) = await NamespaceAsync();
        using var _ = http;
        await SendAsync(http, HttpMethod.Post, path, ConfigMap("a", "1"));
        await SendAsync(http, HttpMethod.Post, path, ConfigMap("b", "1"));
        var then = Rv((await GetAsync(http, path)).Body);

        await SendAsync(http, HttpMethod.Patch, $"{path}/a", """{"data":{"v":"2"}}""");
        await SendAsync(http, HttpMethod.Delete, $"{path}/b");
        await SendAsync(http, HttpMethod.Post, path, ConfigMap("c", "1"));
        await SendAsync(http, HttpMethod.Post, path, ConfigMap("b", "new"));

        var (code, exact) = await GetAsync(http, $"{path}?resourceVersion={then}&resourceVersionMatch=Exact");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(then, Rv(exact));
        Assert.Equal([("a", "1"), ("b", "1")], Items(exact));

        var (_, notOlder) = await GetAsync(http, $"{path}?resourceVersion={then}&resourceVersionMatch=NotOlderThan");
        Assert.Equal([("a", "2"), ("b", "new"), ("c", "1")], Items(notOlder));
        Assert.True(long.Parse(Rv(notOlder), System.Globalization.CultureInfo.InvariantCulture) > long.Parse(then, System.Globalization.CultureInfo.InvariantCulture));

        // The unset match with a resourceVersion means NotOlderThan for lists.
        Assert.Equal(Items(notOlder), Items((await GetAsync(http, $"{path}?resourceVersion={then}")).Body));
    }

    [Fact]
    public async Task Exact_answers_the_requested_revision_when_only_other_namespaces_changed_since()
    {
        var (http, path) = await NamespaceAsync();
        var (other, otherPath) = await NamespaceAsync();
        using var _ = http;
        using var __ = other;
        await SendAsync(http, HttpMethod.Post, path, ConfigMap("a", "1"));
        var then = Rv((await GetAsync(http, path)).Body);
        await SendAsync(other, HttpMethod.Post, otherPath, ConfigMap("z", "1"));

        var (_, exact) = await GetAsync(http, $"{path}?resourceVersion={then}&resourceVersionMatch=Exact");
        Assert.Equal(then, Rv(exact));
        Assert.Equal([("a", "1")], Items(exact));
    }

    [Fact]
    public async Task A_resourceVersion_the_server_has_not_reached_is_504_ResourceVersionTooLarge()
    {
        var (http, path) = await NamespaceAsync();
        using var _ = http;
        foreach (var match in new[] { "Exact", "NotOlderThan" })
        {
            var (code, status) = await GetAsync(http, $"{path}?resourceVersion=999999999&resourceVersionMatch={match}");
            Assert.Equal(HttpStatusCode.GatewayTimeout, code);
            Assert.Equal("Timeout", (string?)status["reason"]);
            Assert.StartsWith("Timeout: Too large resource version: 999999999, current: ", (string?)status["message"], StringComparison.Ordinal);
            Assert.Equal("ResourceVersionTooLarge", (string?)status["details"]!["causes"]![0]!["reason"]);
            Assert.Equal(1, (int?)status["details"]!["retryAfterSeconds"]);
        }
    }

    [Fact]
    public async Task Exact_beyond_the_retained_history_is_410_Expired()
    {
        await using var small = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions { WatchHistory = 16 });
        using var http = small.CreateHttpClient();
        await SendAsync(http, HttpMethod.Post, "/api/v1/namespaces/default/configmaps", ConfigMap("x", "0"));
        var then = Rv((await GetAsync(http, "/api/v1/namespaces/default/configmaps")).Body);
        for (var i = 1; i <= 20; i++)
        {
            await SendAsync(http, HttpMethod.Patch, "/api/v1/namespaces/default/configmaps/x", $$$"""{"data":{"v":"{{{i}}}"}}""");
        }

        var (code, status) = await GetAsync(http, $"/api/v1/namespaces/default/configmaps?resourceVersion={then}&resourceVersionMatch=Exact");
        Assert.Equal(HttpStatusCode.Gone, code);
        Assert.Equal("Expired", (string?)status["reason"]);
        Assert.Equal("The resourceVersion for the provided list is too old.", (string?)status["message"]);
    }

    [Theory]
    [InlineData("resourceVersionMatch=Exact", "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided")]
    [InlineData("resourceVersion=1&resourceVersionMatch=Newest", "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Unsupported value: \"Newest\": supported values: \"Exact\", \"NotOlderThan\", \"\"")]
    [InlineData("resourceVersion=0&resourceVersionMatch=Exact", "ListOptions.meta.k8s.io \"\" is invalid: resourceVersionMatch: Forbidden: resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\"")]
    public async Task Invalid_list_options_are_422_for_ListOptions(string query, string message)
    {
        using var http = _cluster.CreateHttpClient();
        var (code, status) = await GetAsync(http, $"/api/v1/namespaces/default/configmaps?{query}");
        Assert.Equal(HttpStatusCode.UnprocessableEntity, code);
        Assert.Equal("Invalid", (string?)status["reason"]);
        Assert.Equal(message, (string?)status["message"]);
        Assert.Equal("ListOptions", (string?)status["details"]!["kind"]);
        Assert.Equal("meta.k8s.io", (string?)status["details"]!["group"]);
    }

    [Fact]
    public async Task Later_pages_of_a_paged_list_read_the_snapshot_of_the_first_page()
    {
        var (http, path) = await NamespaceAsync();
        using var _ = http;
        foreach (var name in new[] { "a", "b", "c" })
        {
            await SendAsync(http, HttpMethod.Post, path, ConfigMap(name, "1"));
        }

        var (_, first) = await GetAsync(http, $"{path}?limit=1");
        Assert.Equal([("a", "1")], Items(first));
        var token = (string)first["metadata"]!["continue"]!;

        await SendAsync(http, HttpMethod.Patch, $"{path}/b", """{"data":{"v":"2"}}""");
        await SendAsync(http, HttpMethod.Delete, $"{path}/c");
        await SendAsync(http, HttpMethod.Post, path, ConfigMap("bb", "1"));

        var (code, rest) = await GetAsync(http, $"{path}?limit=10&continue={Uri.EscapeDataString(token)}");
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal([("b", "1"), ("c", "1")], Items(rest));
        Assert.Equal(Rv(first), Rv(rest));

        var (bad, status) = await GetAsync(http, $"{path}?limit=10&resourceVersion=5&continue={Uri.EscapeDataString(token)}");
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Equal("specifying resource version is not allowed when using continue", (string?)status["message"]);
    }
}
