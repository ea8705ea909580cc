using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Sigil.Testing;

namespace Kube.ApiServer.Tests.Conformance;

/// <summary>Watch protocol details: 410 Expired, bookmarks, selector transitions, ordering under concurrent writers.</summary>
public sealed class WatchTests
{
    [Fact]
    public async Task A_watch_from_a_compacted_resourceVersion_gets_an_ERROR_410_event()
    {
        await using var cluster = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions { WatchHistory = 16 });
        var old = (await cluster.Client.CoreV1.ListNamespacedConfigMapAsync("default")).Metadata.ResourceVersion;
        for (var i = 0; i < 40; i++)
        {
            await cluster.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = $"c{i}" } }, "default");
        }

        using var http = Http(cluster);
        using var response = await http.GetAsync(new Uri($"/api/v1/namespaces/default/configmaps?watch=true&resourceVersion={old}", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var line = JsonNode.Parse((await reader.ReadLineAsync())!)!;
        Assert.Equal("ERROR", (string?)line["type"]);
        Assert.Equal(410, (int)line["object"]!["code"]!);
        Assert.Equal("Expired", (string?)line["object"]!["reason"]);
        Assert.StartsWith($"too old resource version: {old}", (string?)line["object"]!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bookmarks_come_only_when_allowed_and_carry_the_latest_revision()
    {
        await using var cluster = await EmbeddedCluster.StartAsync();
        using var http = Http(cluster);
        var rv = (await cluster.Client.CoreV1.ListNamespacedSecretAsync("default")).Metadata.ResourceVersion;
        using var response = await http.GetAsync(new Uri($"/api/v1/namespaces/default/secrets?watch=true&allowWatchBookmarks=true&resourceVersion={rv}&timeoutSeconds=1", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.NotEmpty(lines);
        Assert.All(lines, l => Assert.Equal("BOOKMARK", (string?)JsonNode.Parse(l)!["type"]));
        Assert.Equal(rv, (string?)JsonNode.Parse(lines[0])!["object"]!["metadata"]!["resourceVersion"]);

        using var plain = await http.GetAsync(new Uri($"/api/v1/namespaces/default/secrets?watch=true&resourceVersion={rv}&timeoutSeconds=1", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(string.Empty, await plain.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_label_selector_watch_sees_objects_enter_and_leave_the_selection()
    {
        await using var cluster = await EmbeddedCluster.StartAsync();
        var client = cluster.Client;
        var rv = (await client.CoreV1.ListNamespacedConfigMapAsync("default")).Metadata.ResourceVersion;
        var cm = await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "x", Labels = new Dictionary<string, string> { ["pick"] = "no" } } }, "default");
        cm.Metadata.Labels["pick"] = "yes";
        cm = await client.CoreV1.ReplaceNamespacedConfigMapAsync(cm, "x", "default");
        cm.Metadata.Labels["pick"] = "no";
        await client.CoreV1.ReplaceNamespacedConfigMapAsync(cm, "x", "default");
        await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "end", Labels = new Dictionary<string, string> { ["pick"] = "yes" } } }, "default");

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var seen = new List<string>();
        await foreach (var (type, obj) in client.CoreV1.WatchListNamespacedConfigMapAsync("default", resourceVersion: rv, labelSelector: "pick=yes", cancellationToken: cts.Token))
        {
            seen.Add($"{type}:{obj.Metadata.Name}");
            if (obj.Metadata.Name == "end")
            {
                break;
            }
        }

        Assert.Equal(["Added:x", "Deleted:x", "Added:end"], seen);
    }

    [Fact]
    public async Task Concurrent_writers_produce_a_gapless_strictly_increasing_event_stream()
    {
        await using var cluster = await EmbeddedCluster.StartAsync();
        var rv = long.Parse((await cluster.Client.CoreV1.ListNamespacedConfigMapAsync("default")).Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture);
        const int writers = 8;
        const int each = 25;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var client = cluster.CreateClient();
            for (var i = 0; i < each; i++)
            {
                await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = $"w{w}-{i}" } }, "default");
            }
        })));

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var revisions = new List<long>();
        await foreach (var (_, obj) in cluster.Client.CoreV1.WatchListNamespacedConfigMapAsync("default", resourceVersion: rv.ToString(System.Globalization.CultureInfo.InvariantCulture), cancellationToken: cts.Token))
        {
            revisions.Add(long.Parse(obj.Metadata.ResourceVersion, System.Globalization.CultureInfo.InvariantCulture));
            if (revisions.Count == writers * each)
            {
                break;
            }
        }

        Assert.Equal(Enumerable.Range(1, writers * each).Select(i => rv + i), revisions);
    }

    [Fact]
    public async Task Streaming_lists_send_initial_events_then_an_annotated_bookmark()
    {
        await using var cluster = await EmbeddedCluster.StartAsync();
        await cluster.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "one" } }, "default");
        using var http = Http(cluster);
        using var response = await http.GetAsync(new Uri("/api/v1/namespaces/default/secrets?watch=true&sendInitialEvents=true&allowWatchBookmarks=true&resourceVersionMatch=NotOlderThan&timeoutSeconds=1", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();
        Assert.Equal("ADDED", (string?)lines[0]["type"]);
        Assert.Equal("one", (string?)lines[0]["object"]!["metadata"]!["name"]);
        Assert.Equal("BOOKMARK", (string?)lines[1]["type"]);
        Assert.Equal("true", (string?)lines[1]["object"]!["metadata"]!["annotations"]!["k8s.io/initial-events-end"]);
    }

    private static HttpClient Http(EmbeddedCluster cluster)
    {
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        var http = new HttpClient(handler) { BaseAddress = cluster.Server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", cluster.Server.Token);
        return http;
    }
}
