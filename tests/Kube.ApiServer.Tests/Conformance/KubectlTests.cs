using k8s;
using k8s.Models;
using Sigil.Testing;

namespace Kube.ApiServer.Tests.Conformance;

/// <summary>
/// The real kubectl (1.32 via the machine's dispatcher) against the embedded server, covering the
/// commands of issue 3 and the request flows recorded in reference §15.
/// </summary>
public sealed class KubectlTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private readonly EmbeddedCluster _cluster = fixture.Cluster;

    private async Task<string> NewNamespaceAsync()
    {
        var ns = $"k-{Guid.NewGuid().ToString("N")[..8]}";
        await _cluster.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        return ns;
    }

    private static string SecretYaml(string ns, string value, string extraKey = "") => $"""
        apiVersion: v1
        kind: Secret
        metadata:
          name: app
          namespace: {ns}
          labels: {"{"}app: demo{"}"}
        stringData:
          password: {value}
        {extraKey}
        """;

    [KubectlFact]
    public async Task Client_side_apply_creates_then_updates_a_Secret()
    {
        var ns = await NewNamespaceAsync();
        var created = await _cluster.KubectlAsync(["apply", "-f", "-"], SecretYaml(ns, "one"));
        Assert.Contains("secret/app created", created.EnsureSuccess().StdOut, StringComparison.Ordinal);

        var updated = await _cluster.KubectlAsync(["apply", "-f", "-"], SecretYaml(ns, "two", "  token: abc"));
        Assert.Contains("secret/app configured", updated.EnsureSuccess().StdOut, StringComparison.Ordinal);

        var secret = await _cluster.Client.CoreV1.ReadNamespacedSecretAsync("app", ns);
        Assert.Equal("two", System.Text.Encoding.UTF8.GetString(secret.Data["password"]));
        Assert.Equal("abc", System.Text.Encoding.UTF8.GetString(secret.Data["token"]));
        Assert.Contains("kubectl.kubernetes.io/last-applied-configuration", secret.Metadata.Annotations.Keys);

        // stringData never round-trips, so kubectl re-sends it (and says "configured", as on a real
        // cluster); the server sees no change and keeps the resourceVersion.
        (await _cluster.KubectlAsync(["apply", "-f", "-"], SecretYaml(ns, "two", "  token: abc"))).EnsureSuccess();
        var again = await _cluster.Client.CoreV1.ReadNamespacedSecretAsync("app", ns);
        Assert.Equal(secret.Metadata.ResourceVersion, again.Metadata.ResourceVersion);
    }

    [KubectlFact]
    public async Task Server_side_apply_creates_updates_and_removes_fields_it_stops_applying()
    {
        var ns = await NewNamespaceAsync();
        var manifest = $$$"""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: ssa, namespace: {{{ns}}}, labels: {a: "1", b: "2"} }
            data: {x: "1", y: "2"}
            """;
        (await _cluster.KubectlAsync(["apply", "--server-side", "-f", "-"], manifest)).EnsureSuccess();
        var smaller = manifest.Replace(", b: \"2\"", string.Empty, StringComparison.Ordinal).Replace(", y: \"2\"", string.Empty, StringComparison.Ordinal);
        (await _cluster.KubectlAsync(["apply", "--server-side", "-f", "-"], smaller)).EnsureSuccess();

        var cm = await _cluster.Client.CoreV1.ReadNamespacedConfigMapAsync("ssa", ns);
        Assert.Equal(["x"], cm.Data.Keys);
        Assert.Equal(["a"], cm.Metadata.Labels.Keys);
        Assert.Contains(cm.Metadata.ManagedFields, m => m.Manager == "kubectl" && m.Operation == "Apply");
    }

    [KubectlFact]
    public async Task Server_side_apply_conflicts_with_another_manager_unless_forced()
    {
        var ns = await NewNamespaceAsync();
        var manifest = $$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","namespace":"{{{ns}}}"},"data":{"k":"v1"}}""";
        (await _cluster.KubectlAsync(["apply", "--server-side", "-f", "-"], manifest)).EnsureSuccess();
        (await _cluster.KubectlAsync("patch", "configmap", "c", "-n", ns, "--type", "merge", "-p", "{\"data\":{\"k\":\"v2\"}}")).EnsureSuccess();

        var conflict = await _cluster.KubectlAsync(["apply", "--server-side", "-f", "-"], manifest);
        Assert.NotEqual(0, conflict.ExitCode);
        Assert.Contains("conflict", conflict.StdErr, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(".data.k", conflict.StdErr, StringComparison.Ordinal);

        (await _cluster.KubectlAsync(["apply", "--server-side", "--force-conflicts", "-f", "-"], manifest)).EnsureSuccess();
        Assert.Equal("v1", (await _cluster.Client.CoreV1.ReadNamespacedConfigMapAsync("c", ns)).Data["k"]);
    }

    [KubectlFact]
    public async Task Get_shows_server_side_table_columns_and_selects_by_label()
    {
        var ns = await NewNamespaceAsync();
        (await _cluster.KubectlAsync(["apply", "-f", "-"], SecretYaml(ns, "x"))).EnsureSuccess();
        var table = (await _cluster.KubectlAsync("get", "secrets", "-n", ns)).EnsureSuccess().StdOut;
        Assert.Matches(@"NAME\s+TYPE\s+DATA\s+AGE", table);
        Assert.Matches(@"app\s+Opaque\s+1\s+\d+s", table);

        var selected = (await _cluster.KubectlAsync("get", "secrets", "-A", "-l", "app=demo", "-o", "name")).EnsureSuccess().StdOut;
        Assert.Contains("secret/app", selected, StringComparison.Ordinal);
        var none = (await _cluster.KubectlAsync("get", "secrets", "-n", ns, "-l", "app=other", "-o", "name")).EnsureSuccess().StdOut;
        Assert.DoesNotContain("secret/app", none, StringComparison.Ordinal);

        var yaml = (await _cluster.KubectlAsync("get", "secret", "app", "-n", ns, "-o", "jsonpath={.data.password}")).EnsureSuccess().StdOut;
        Assert.Equal(Convert.ToBase64String("x"u8.ToArray()), yaml);
    }

    [KubectlFact]
    public async Task Get_watch_prints_objects_as_they_change()
    {
        var ns = await NewNamespaceAsync();
        await _cluster.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "before" } }, ns);
        using var watch = _cluster.StartKubectl("get", "configmaps", "-n", ns, "-w", "--output-watch-events");
        var lines = new List<string>();
        var reader = Task.Run(async () =>
        {
            while (await watch.StandardOutput.ReadLineAsync() is { } line)
            {
                lock (lines)
                {
                    lines.Add(line);
                }
            }
        });
        try
        {
            // The initial list arrives first; once it is printed the watch is open.
            await Eventually.UntilAsync(() => { lock (lines) { return lines.Any(l => l.Contains("before", StringComparison.Ordinal)); } },
                "kubectl printed its initial list", TimeSpan.FromSeconds(20));
            await _cluster.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "watched" } }, ns);
            await Eventually.UntilAsync(() => { lock (lines) { return lines.Any(l => l.Contains("watched", StringComparison.Ordinal) && l.Contains("ADDED", StringComparison.Ordinal)); } },
                "kubectl get -w printed the new ConfigMap", TimeSpan.FromSeconds(20));
            await _cluster.Client.CoreV1.DeleteNamespacedConfigMapAsync("watched", ns);
            await Eventually.UntilAsync(() => { lock (lines) { return lines.Any(l => l.Contains("watched", StringComparison.Ordinal) && l.Contains("DELETED", StringComparison.Ordinal)); } },
                "kubectl get -w printed the deletion", TimeSpan.FromSeconds(20));
        }
        finally
        {
            watch.Kill(entireProcessTree: true);
            await reader.WaitAsync(TimeSpan.FromSeconds(10));
        }
    }

    [KubectlFact]
    public async Task Describe_label_annotate_and_the_three_patch_types_work()
    {
        var ns = await NewNamespaceAsync();
        (await _cluster.KubectlAsync(["apply", "-f", "-"], SecretYaml(ns, "x"))).EnsureSuccess();
        (await _cluster.KubectlAsync("label", "secret", "app", "-n", ns, "tier=backend")).EnsureSuccess();
        (await _cluster.KubectlAsync("annotate", "secret", "app", "-n", ns, "owner=team-a")).EnsureSuccess();
        (await _cluster.KubectlAsync("patch", "secret", "app", "-n", ns, "-p", """{"metadata":{"labels":{"strategic":"yes"}}}""")).EnsureSuccess();
        (await _cluster.KubectlAsync("patch", "secret", "app", "-n", ns, "--type", "merge", "-p", """{"metadata":{"labels":{"merge":"yes"}}}""")).EnsureSuccess();
        (await _cluster.KubectlAsync("patch", "secret", "app", "-n", ns, "--type", "json", "-p", """[{"op":"add","path":"/metadata/labels/json","value":"yes"}]""")).EnsureSuccess();

        var describe = (await _cluster.KubectlAsync("describe", "secret", "app", "-n", ns)).EnsureSuccess().StdOut;
        Assert.Contains("tier=backend", describe, StringComparison.Ordinal);
        Assert.Contains("owner: team-a", describe, StringComparison.Ordinal);
        Assert.Contains("password:  1 bytes", describe, StringComparison.Ordinal);
        Assert.DoesNotContain("eA==", describe, StringComparison.Ordinal);

        var labels = (await _cluster.Client.CoreV1.ReadNamespacedSecretAsync("app", ns)).Metadata.Labels;
        Assert.Equal("yes", labels["strategic"]);
        Assert.Equal("yes", labels["merge"]);
        Assert.Equal("yes", labels["json"]);

        var failing = await _cluster.KubectlAsync("patch", "secret", "app", "-n", ns, "--type", "json", "-p", """[{"op":"test","path":"/type","value":"nope"}]""");
        Assert.NotEqual(0, failing.ExitCode);
        Assert.Contains("invalid", failing.StdErr, StringComparison.OrdinalIgnoreCase);
    }

    [KubectlFact]
    public async Task Diff_uses_a_dry_run_and_changes_nothing()
    {
        var ns = await NewNamespaceAsync();
        (await _cluster.KubectlAsync(["apply", "-f", "-"], SecretYaml(ns, "x"))).EnsureSuccess();
        var before = await _cluster.Client.CoreV1.ReadNamespacedSecretAsync("app", ns);

        var same = await _cluster.KubectlAsync(["diff", "-f", "-"], SecretYaml(ns, "x"));
        Assert.Equal(0, same.ExitCode);
        var changed = await _cluster.KubectlAsync(["diff", "-f", "-"], SecretYaml(ns, "y"));
        Assert.Equal(1, changed.ExitCode);
        Assert.Contains("password", changed.StdOut, StringComparison.Ordinal);

        var after = await _cluster.Client.CoreV1.ReadNamespacedSecretAsync("app", ns);
        Assert.Equal(before.Metadata.ResourceVersion, after.Metadata.ResourceVersion);
    }

    [KubectlFact]
    public async Task Delete_waits_for_finalizers_and_wait_for_delete_returns_once_they_are_removed()
    {
        var ns = await NewNamespaceAsync();
        await _cluster.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
        {
            Metadata = new V1ObjectMeta { Name = "held", Finalizers = ["example.com/hold"] },
        }, ns);
        (await _cluster.KubectlAsync("delete", "configmap", "held", "-n", ns, "--wait=false")).EnsureSuccess();
        var held = await _cluster.Client.CoreV1.ReadNamespacedConfigMapAsync("held", ns);
        Assert.NotNull(held.Metadata.DeletionTimestamp);

        var waiting = _cluster.KubectlAsync("wait", "--for=delete", "configmap/held", "-n", ns, "--timeout=30s");
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        held.Metadata.Finalizers = [];
        await _cluster.Client.CoreV1.ReplaceNamespacedConfigMapAsync(held, "held", ns);
        (await waiting).EnsureSuccess();

        (await _cluster.KubectlAsync(["apply", "-f", "-"], SecretYaml(ns, "x"))).EnsureSuccess();
        var deleted = (await _cluster.KubectlAsync("delete", "secret", "app", "-n", ns)).EnsureSuccess();
        Assert.Contains("secret \"app\" deleted", deleted.StdOut, StringComparison.Ordinal);
        var missing = await _cluster.KubectlAsync("get", "secret", "app", "-n", ns);
        Assert.Contains("Error from server (NotFound): secrets \"app\" not found", missing.StdErr, StringComparison.Ordinal);
    }

    [KubectlFact]
    public async Task Generator_commands_send_protobuf_and_are_decoded()
    {
        var ns = $"gen-{Guid.NewGuid().ToString("N")[..8]}";
        (await _cluster.KubectlAsync("create", "namespace", ns)).EnsureSuccess();
        (await _cluster.KubectlAsync("create", "secret", "generic", "lit", "-n", ns, "--from-literal=user=admin")).EnsureSuccess();
        (await _cluster.KubectlAsync("create", "configmap", "cfg", "-n", ns, "--from-literal=mode=fast")).EnsureSuccess();
        (await _cluster.KubectlAsync("create", "serviceaccount", "robot", "-n", ns)).EnsureSuccess();
        var token = (await _cluster.KubectlAsync("create", "token", "robot", "-n", ns, "--audience", "vault")).EnsureSuccess().StdOut.Trim();

        Assert.Equal("admin", System.Text.Encoding.UTF8.GetString((await _cluster.Client.CoreV1.ReadNamespacedSecretAsync("lit", ns)).Data["user"]));
        Assert.Equal("fast", (await _cluster.Client.CoreV1.ReadNamespacedConfigMapAsync("cfg", ns)).Data["mode"]);
        var review = await _cluster.Client.AuthenticationV1.CreateTokenReviewAsync(new V1TokenReview { Spec = new V1TokenReviewSpec { Token = token, Audiences = ["vault"] } });
        Assert.True(review.Status.Authenticated);
        Assert.Equal($"system:serviceaccount:{ns}:robot", review.Status.User.Username);
    }

    [KubectlFact]
    public async Task Replace_and_create_twice_behave_like_a_cluster()
    {
        var ns = await NewNamespaceAsync();
        var yaml = $$$"""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"r","namespace":"{{{ns}}}"},"data":{"a":"1"}}""";
        (await _cluster.KubectlAsync(["create", "-f", "-"], yaml)).EnsureSuccess();
        var again = await _cluster.KubectlAsync(["create", "-f", "-"], yaml);
        Assert.Contains("Error from server (AlreadyExists)", again.StdErr, StringComparison.Ordinal);
        (await _cluster.KubectlAsync(["replace", "-f", "-"], yaml.Replace("\"1\"", "\"2\"", StringComparison.Ordinal))).EnsureSuccess();
        Assert.Equal("2", (await _cluster.Client.CoreV1.ReadNamespacedConfigMapAsync("r", ns)).Data["a"]);
    }

    [KubectlFact]
    public async Task Api_resources_and_raw_health_endpoints_answer()
    {
        var resources = (await _cluster.KubectlAsync("api-resources")).EnsureSuccess().StdOut;
        foreach (var r in new[] { "secrets", "configmaps", "namespaces", "leases", "customresourcedefinitions", "deployments", "events", "serviceaccounts" })
        {
            Assert.Contains(r, resources, StringComparison.Ordinal);
        }

        Assert.Equal("ok", (await _cluster.KubectlAsync("get", "--raw", "/healthz")).EnsureSuccess().StdOut);
        Assert.Contains("v1.32", (await _cluster.KubectlAsync("version")).EnsureSuccess().StdOut, StringComparison.Ordinal);
    }
}
