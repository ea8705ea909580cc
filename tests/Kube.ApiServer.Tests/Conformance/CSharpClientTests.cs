using System.Net;
using k8s;
using k8s.Autorest;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using k8s.Models;
using Sigil.Testing;

namespace Kube.ApiServer.Tests.Conformance;

/// <summary>The official C# client (KubernetesClient 21.0.8) against the embedded server: CRUD, 409s, watch, leader election.</summary>
public sealed class CSharpClientTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private readonly Kubernetes _client = fixture.Cluster.Client;

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("N")[..8]}";

    [Fact]
    public async Task Create_returns_server_metadata_and_folds_stringData_into_data()
    {
        var name = Unique("s");
        var created = await _client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret { Metadata = new V1ObjectMeta { Name = name }, StringData = new Dictionary<string, string> { ["password"] = "hunter2" } }, "default");

        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.False(string.IsNullOrEmpty(created.Metadata.ResourceVersion));
        Assert.NotNull(created.Metadata.CreationTimestamp);
        Assert.Equal("Opaque", created.Type);
        Assert.Null(created.StringData);
        Assert.Equal("hunter2", System.Text.Encoding.UTF8.GetString(created.Data["password"]));
        Assert.Null(created.Metadata.Generation);

        var read = await _client.CoreV1.ReadNamespacedSecretAsync(name, "default");
        Assert.Equal(created.Metadata.ResourceVersion, read.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Creating_an_existing_name_is_409_AlreadyExists()
    {
        var name = Unique("cm");
        var cm = new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name }, Data = new Dictionary<string, string> { ["a"] = "1" } };
        await _client.CoreV1.CreateNamespacedConfigMapAsync(cm, "default");

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => _client.CoreV1.CreateNamespacedConfigMapAsync(cm, "default"));
        Assert.Equal(HttpStatusCode.Conflict, e.Response.StatusCode);
        Assert.Contains("\"reason\":\"AlreadyExists\"", e.Response.Content, StringComparison.Ordinal);
        Assert.Contains($"configmaps \\\"{name}\\\" already exists", e.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stale_resourceVersion_on_update_is_409_Conflict()
    {
        var name = Unique("cm");
        var created = await _client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name }, Data = new Dictionary<string, string> { ["a"] = "1" } }, "default");
        created.Data["a"] = "2";
        var updated = await _client.CoreV1.ReplaceNamespacedConfigMapAsync(created, name, "default");
        Assert.NotEqual(created.Metadata.ResourceVersion, updated.Metadata.ResourceVersion);

        created.Data["a"] = "3";
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => _client.CoreV1.ReplaceNamespacedConfigMapAsync(created, name, "default"));
        Assert.Equal(HttpStatusCode.Conflict, e.Response.StatusCode);
        Assert.Contains("the object has been modified", e.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_update_that_changes_nothing_keeps_the_resourceVersion()
    {
        var name = Unique("cm");
        var created = await _client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name }, Data = new Dictionary<string, string> { ["a"] = "1" } }, "default");
        var same = await _client.CoreV1.ReplaceNamespacedConfigMapAsync(created, name, "default");
        Assert.Equal(created.Metadata.ResourceVersion, same.Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Missing_objects_are_404_with_a_NotFound_status()
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => _client.CoreV1.ReadNamespacedSecretAsync("does-not-exist", "default"));
        Assert.Equal(HttpStatusCode.NotFound, e.Response.StatusCode);
        Assert.Contains("secrets \\\"does-not-exist\\\" not found", e.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Creating_in_a_missing_namespace_is_404()
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => _client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret { Metadata = new V1ObjectMeta { Name = "x" } }, "no-such-namespace"));
        Assert.Equal(HttpStatusCode.NotFound, e.Response.StatusCode);
        Assert.Contains("namespaces \\\"no-such-namespace\\\" not found", e.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lists_filter_by_label_and_field_selectors_and_page_with_limit_and_continue()
    {
        var ns = Unique("ns");
        await _client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        for (var i = 0; i < 5; i++)
        {
            await _client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
            {
                Metadata = new V1ObjectMeta { Name = $"s{i}", Labels = new Dictionary<string, string> { ["tier"] = i % 2 == 0 ? "even" : "odd" } },
            }, ns);
        }

        var even = await _client.CoreV1.ListNamespacedSecretAsync(ns, labelSelector: "tier=even");
        Assert.Equal(["s0", "s2", "s4"], even.Items.Select(s => s.Metadata.Name));
        var notEven = await _client.CoreV1.ListNamespacedSecretAsync(ns, labelSelector: "tier notin (even)");
        Assert.Equal(["s1", "s3"], notEven.Items.Select(s => s.Metadata.Name));
        var byName = await _client.CoreV1.ListNamespacedSecretAsync(ns, fieldSelector: "metadata.name=s3");
        Assert.Equal("s3", Assert.Single(byName.Items).Metadata.Name);

        var page1 = await _client.CoreV1.ListNamespacedSecretAsync(ns, limit: 2);
        Assert.Equal(2, page1.Items.Count);
        Assert.False(string.IsNullOrEmpty(page1.Metadata.ContinueProperty));
        var page2 = await _client.CoreV1.ListNamespacedSecretAsync(ns, limit: 2, continueParameter: page1.Metadata.ContinueProperty);
        var page3 = await _client.CoreV1.ListNamespacedSecretAsync(ns, limit: 2, continueParameter: page2.Metadata.ContinueProperty);
        Assert.Equal(["s0", "s1", "s2", "s3", "s4"], page1.Items.Concat(page2.Items).Concat(page3.Items).Select(s => s.Metadata.Name));
        Assert.True(string.IsNullOrEmpty(page3.Metadata.ContinueProperty));

        var bad = await Assert.ThrowsAsync<HttpOperationException>(() => _client.CoreV1.ListNamespacedSecretAsync(ns, fieldSelector: "data.x=1"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.Response.StatusCode);
    }

    [Fact]
    public async Task A_list_many_times_larger_than_one_flush_arrives_whole_and_in_order()
    {
        // ~200 objects of ~2 KB: the list body is ~400 KB, so the server flushes it in several ~64 KB pieces.
        var ns = Unique("ns");
        await _client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        var filler = new string('x', 2000);
        var names = Enumerable.Range(0, 200).Select(i => $"cm{i:D3}").ToList();
        foreach (var name in names)
        {
            await _client.CoreV1.CreateNamespacedConfigMapAsync(
                new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name }, Data = new Dictionary<string, string> { ["v"] = filler + name } }, ns);
        }

        var list = await _client.CoreV1.ListNamespacedConfigMapAsync(ns);

        Assert.Equal(names, list.Items.Select(c => c.Metadata.Name));
        Assert.All(list.Items, c => Assert.Equal(filler + c.Metadata.Name, c.Data["v"]));
    }

    [Fact]
    public async Task Watch_from_a_list_resourceVersion_sees_every_change_in_order()
    {
        var ns = Unique("ns");
        await _client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        var list = await _client.CoreV1.ListNamespacedConfigMapAsync(ns);
        var events = new List<(WatchEventType Type, string Name, string Value)>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var watching = Task.Run(async () =>
        {
            await foreach (var (type, cm) in _client.CoreV1.WatchListNamespacedConfigMapAsync(
                ns, resourceVersion: list.Metadata.ResourceVersion, allowWatchBookmarks: true, cancellationToken: cts.Token))
            {
                if (type == WatchEventType.Bookmark || cm.Metadata.Name == "kube-root-ca.crt")
                {
                    continue;
                }

                lock (events)
                {
                    events.Add((type, cm.Metadata.Name, (cm.Data is { } d && d.TryGetValue("v", out var v) ? v : string.Empty)));
                    if (events.Count == 4)
                    {
                        return;
                    }
                }
            }
        }, cts.Token);

        var created = await _client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "w" }, Data = new Dictionary<string, string> { ["v"] = "1" } }, ns);
        created.Data["v"] = "2";
        var second = await _client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "w", ns);
        second.Data["v"] = "3";
        await _client.CoreV1.ReplaceNamespacedConfigMapAsync(second, "w", ns);
        await _client.CoreV1.DeleteNamespacedConfigMapAsync("w", ns);
        await watching;

        Assert.Equal(
            [(WatchEventType.Added, "w", "1"), (WatchEventType.Modified, "w", "2"), (WatchEventType.Modified, "w", "3"), (WatchEventType.Deleted, "w", "3")],
            events);
    }

    [Fact]
    public async Task Watch_without_resourceVersion_starts_with_ADDED_for_existing_objects()
    {
        var ns = Unique("ns");
        await _client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        await _client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "a" } }, ns);
        await _client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "b" } }, ns);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var seen = new List<string>();
        await foreach (var (type, s) in _client.CoreV1.WatchListNamespacedSecretAsync(ns, cancellationToken: cts.Token))
        {
            Assert.Equal(WatchEventType.Added, type);
            seen.Add(s.Metadata.Name);
            if (seen.Count == 2)
            {
                break;
            }
        }

        Assert.Equal(["a", "b"], seen);
    }

    [Fact]
    public async Task Two_leader_electors_on_a_Lease_hand_over_leadership()
    {
        var ns = Unique("ns");
        await _client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        LeaderElectionConfig Config(string id) => new(new LeaseLock(fixture.Cluster.CreateClient(), ns, "leader", id))
        {
            LeaseDuration = TimeSpan.FromSeconds(2),
            RenewDeadline = TimeSpan.FromMilliseconds(1500),
            RetryPeriod = TimeSpan.FromMilliseconds(200),
        };

        using var first = new LeaderElector(Config("first"));
        var firstLeads = new TaskCompletionSource();
        first.OnStartedLeading += () => firstLeads.TrySetResult();
        using var firstStop = new CancellationTokenSource();
        var firstRun = first.RunUntilLeadershipLostAsync(firstStop.Token);
        await firstLeads.Task.WaitAsync(TimeSpan.FromSeconds(10));

        using var second = new LeaderElector(Config("second"));
        var secondLeads = new TaskCompletionSource();
        second.OnStartedLeading += () => secondLeads.TrySetResult();
        using var secondStop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var secondRun = second.RunUntilLeadershipLostAsync(secondStop.Token);
        Assert.False(secondLeads.Task.IsCompleted);

        await firstStop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => firstRun);
        await secondLeads.Task.WaitAsync(TimeSpan.FromSeconds(15));
        var lease = await _client.CoordinationV1.ReadNamespacedLeaseAsync("leader", ns);
        Assert.Equal("second", lease.Spec.HolderIdentity);
        await secondStop.CancelAsync();
        try
        {
            await secondRun;
        }
        catch (OperationCanceledException)
        {
            // Expected: we stopped it.
        }
    }

    [Fact]
    public async Task GenerateName_gets_a_random_suffix_and_dry_run_persists_nothing()
    {
        var generated = await _client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { GenerateName = "gen-" } }, "default");
        Assert.Matches("^gen-[bcdfghjklmnpqrstvwxz2456789]{5}$", generated.Metadata.Name);

        var before = (await _client.CoreV1.ListNamespacedConfigMapAsync("default")).Metadata.ResourceVersion;
        var name = Unique("dry");
        var dry = await _client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = name } }, "default", dryRun: "All");
        Assert.Equal(name, dry.Metadata.Name);
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => _client.CoreV1.ReadNamespacedConfigMapAsync(name, "default"));
        Assert.Equal(HttpStatusCode.NotFound, e.Response.StatusCode);

        var patch = new V1Patch("""{"data":{"x":"1"}}""", V1Patch.PatchType.MergePatch);
        var patched = await _client.CoreV1.PatchNamespacedConfigMapAsync(patch, generated.Metadata.Name, "default", dryRun: "All");
        Assert.Equal("1", patched.Data["x"]);
        Assert.Null((await _client.CoreV1.ReadNamespacedConfigMapAsync(generated.Metadata.Name, "default")).Data);
        Assert.Equal(before, (await _client.CoreV1.ListNamespacedConfigMapAsync("default")).Metadata.ResourceVersion);
    }

    [Fact]
    public async Task Invalid_names_and_labels_are_422_with_a_cause_per_field()
    {
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => _client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "Bad_Name", Labels = new Dictionary<string, string> { ["ok"] = "-bad-" } },
        }, "default"));
        Assert.Equal((HttpStatusCode)422, e.Response.StatusCode);
        var status = System.Text.Json.Nodes.JsonNode.Parse(e.Response.Content)!;
        Assert.StartsWith("ConfigMap \"Bad_Name\" is invalid", (string?)status["message"], StringComparison.Ordinal);
        var fields = status["details"]!["causes"]!.AsArray().Select(c => (string?)c!["field"]).ToList();
        Assert.Contains("metadata.name", fields);
        Assert.Contains("metadata.labels", fields);
    }

    [Fact]
    public async Task Server_side_apply_from_the_CSharp_client_creates_and_takes_ownership()
    {
        var name = Unique("ssa");
        var body = new V1ConfigMap { ApiVersion = "v1", Kind = "ConfigMap", Metadata = new V1ObjectMeta { Name = name }, Data = new Dictionary<string, string> { ["a"] = "1" } };
        var created = await _client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch(body, V1Patch.PatchType.ApplyPatch), name, "default", fieldManager: "controller", force: true);
        Assert.Equal("1", created.Data["a"]);
        var entry = Assert.Single(created.Metadata.ManagedFields);
        Assert.Equal(("controller", "Apply"), (entry.Manager, entry.Operation));
    }

    [Fact]
    public async Task Requests_without_the_bearer_token_get_401()
    {
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var http = new HttpClient(handler) { BaseAddress = fixture.Cluster.Server.BaseAddress };
        var response = await http.GetAsync(new Uri("/api/v1/namespaces/default/secrets", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("\"reason\":\"Unauthorized\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var health = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
    }
}
