using System.Text.Json.Nodes;
using Kube.ApiServer.Patching;

namespace Kube.ApiServer.Tests.Patching;

public class ServerSideApplyTests
{
    private static readonly DateTimeOffset T1 = new(2024, 6, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T2 = new(2024, 6, 1, 9, 0, 0, TimeSpan.Zero);

    private static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();

    private static ApplyOptions Secret(string manager, bool force = false, DateTimeOffset? time = null) => new(manager, force, "v1", "Secret", time ?? T1);

    private static JsonObject Apply(JsonObject? live, string config, ApplyOptions options)
    {
        var result = ServerSideApply.Apply(live, Obj(config), options);
        Assert.False(result.HasConflicts, result.HasConflicts ? result.ConflictMessage : null);
        return result.Object!;
    }

    private static JsonObject EntryOf(JsonObject obj, string manager, string operation = "Apply") =>
        obj["metadata"]!["managedFields"]!.AsArray().Single(e => e!["manager"]!.GetValue<string>() == manager && e["operation"]!.GetValue<string>() == operation)!.AsObject();

    private static bool HasEntry(JsonObject obj, string manager) =>
        obj["metadata"]?["managedFields"] is JsonArray entries && entries.Any(e => e!["manager"]!.GetValue<string>() == manager);

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), actual?.ToJsonString());

    [Fact]
    public void Applying_to_an_absent_object_creates_it_with_one_apply_entry()
    {
        var created = Apply(null, """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db","namespace":"app","labels":{"app":"db"}},"data":{"user":"dQ==","password":"cA=="},"type":"Opaque"}""", Secret("kubectl"));

        AssertJson("""{"user":"dQ==","password":"cA=="}""", created["data"]);
        AssertJson("""
            [{"manager":"kubectl","operation":"Apply","apiVersion":"v1","time":"2024-06-01T08:00:00Z","fieldsType":"FieldsV1",
              "fieldsV1":{"f:data":{"f:password":{},"f:user":{}},"f:metadata":{"f:labels":{"f:app":{}}},"f:type":{}}}]
            """, created["metadata"]!["managedFields"]);
    }

    [Fact]
    public void Reapplying_changed_values_updates_them_and_the_entry_time()
    {
        var live = Apply(null, """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"},"data":{"a":"MQ=="}}""", Secret("kubectl"));

        var updated = Apply(live, """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"},"data":{"a":"Mg=="}}""", Secret("kubectl", time: T2));

        Assert.Equal("Mg==", updated["data"]!["a"]!.GetValue<string>());
        Assert.Equal("2024-06-01T09:00:00Z", EntryOf(updated, "kubectl")["time"]!.GetValue<string>());
    }

    [Fact]
    public void A_no_op_reapply_keeps_the_entry_time()
    {
        const string config = """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"},"data":{"a":"MQ=="}}""";
        var live = Apply(null, config, Secret("kubectl"));

        var again = Apply(live, config, Secret("kubectl", time: T2));

        Assert.Equal("2024-06-01T08:00:00Z", EntryOf(again, "kubectl")["time"]!.GetValue<string>());
    }

    [Fact]
    public void Fields_the_manager_stops_applying_are_removed()
    {
        var live = Apply(null, """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db","labels":{"app":"db","tier":"x"}},"data":{"a":"MQ==","b":"Mg=="}}""", Secret("kubectl"));

        var updated = Apply(live, """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db","labels":{"app":"db"}},"data":{"a":"MQ=="}}""", Secret("kubectl", time: T2));

        AssertJson("""{"a":"MQ=="}""", updated["data"]);
        AssertJson("""{"app":"db"}""", updated["metadata"]!["labels"]);
        AssertJson("""{"f:data":{"f:a":{}},"f:metadata":{"f:labels":{"f:app":{}}}}""", EntryOf(updated, "kubectl")["fieldsV1"]);
    }

    [Fact]
    public void Removing_the_last_key_of_a_map_drops_the_emptied_map()
    {
        var live = Apply(null, """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"},"data":{"a":"MQ=="},"type":"Opaque"}""", Secret("kubectl"));

        var updated = Apply(live, """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"},"type":"Opaque"}""", Secret("kubectl"));

        Assert.Null(updated["data"]);
    }

    [Fact]
    public void Fields_shared_with_another_manager_survive_when_one_stops_applying_them()
    {
        var live = Apply(null, """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"},"data":{"a":"MQ=="}}""", Secret("first"));
        live = Apply(live, """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"},"data":{"a":"MQ==","c":"Mw=="}}""", Secret("second"));

        var updated = Apply(live, """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"}}""", Secret("first"));

        AssertJson("""{"a":"MQ==","c":"Mw=="}""", updated["data"]);
        Assert.False(HasEntry(updated, "first"));
        AssertJson("""{"f:data":{"f:a":{},"f:c":{}}}""", EntryOf(updated, "second")["fieldsV1"]);
    }

    [Fact]
    public void A_different_value_for_a_field_another_manager_owns_is_a_conflict()
    {
        var live = Apply(null, """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"},"data":{"password":"MQ==","user":"dQ=="}}""", Secret("first"));

        var result = ServerSideApply.Apply(live, Obj("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"},"data":{"password":"Mg=="}}"""), Secret("second"));

        Assert.True(result.HasConflicts);
        Assert.Null(result.Object);
        var conflict = Assert.Single(result.Conflicts);
        Assert.Equal(new ApplyConflict("first", ".data.password", "\"first\""), conflict);
        Assert.Equal("Apply failed with 1 conflict: conflict with \"first\": .data.password", result.ConflictMessage);
        AssertJson("""
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure",
             "message":"Apply failed with 1 conflict: conflict with \"first\": .data.password","reason":"Conflict",
             "details":{"causes":[{"reason":"FieldManagerConflict","message":"conflict with \"first\"","field":".data.password"}]},"code":409}
            """, result.ToConflictStatus());
        Assert.DoesNotContain("Mg==", result.ToConflictStatus().ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Force_transfers_ownership_of_conflicting_fields()
    {
        var live = Apply(null, """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"},"data":{"password":"MQ==","user":"dQ=="}}""", Secret("first"));

        var forced = Apply(live, """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"},"data":{"password":"Mg=="}}""", Secret("second", force: true));

        Assert.Equal("Mg==", forced["data"]!["password"]!.GetValue<string>());
        AssertJson("""{"f:data":{"f:user":{}}}""", EntryOf(forced, "first")["fieldsV1"]);
        AssertJson("""{"f:data":{"f:password":{}}}""", EntryOf(forced, "second")["fieldsV1"]);
    }

    [Fact]
    public void Conflicts_with_update_managers_name_their_api_version_and_group_per_manager()
    {
        var live = Obj("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"},"data":{"a":"MQ==","b":"Mg=="}}""");
        ManagedFields.RecordUpdate(null, live, "kubectl-client-side-apply", "v1", T1, null);

        var result = ServerSideApply.Apply(live, Obj("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"},"data":{"a":"Mw==","b":"NA=="}}"""), Secret("kubectl"));

        Assert.Equal(2, result.Conflicts.Count);
        Assert.All(result.Conflicts, c => Assert.Equal("conflict with \"kubectl-client-side-apply\" using v1", c.CauseMessage));
        Assert.Equal("Apply failed with 2 conflicts: conflicts with \"kubectl-client-side-apply\" using v1:\n- .data.a\n- .data.b", result.ConflictMessage);
    }

    [Fact]
    public void Objects_without_managed_fields_are_owned_by_before_first_apply()
    {
        var live = Obj("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"},"data":{"a":"MQ=="}}""");

        var result = ServerSideApply.Apply(live, Obj("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"},"data":{"a":"Mg=="}}"""), Secret("kubectl"));

        Assert.Equal("before-first-apply", Assert.Single(result.Conflicts).Manager);
    }

    [Fact]
    public void Server_side_apply_after_client_side_apply_and_the_kubectl_last_applied_manager()
    {
        // kubectl apply (client-side) created the Secret; kubectl apply --server-side follows with the
        // same values (no conflict), then kubectl saves the annotation under kubectl-last-applied (force).
        var live = Obj("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db","annotations":{"kubectl.kubernetes.io/last-applied-configuration":"old"}},"data":{"a":"MQ=="}}""");
        ManagedFields.RecordUpdate(null, live, "kubectl-client-side-apply", "v1", T1, null);

        live = Apply(live, """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"},"data":{"a":"MQ=="}}""", Secret("kubectl", time: T2));
        live = Apply(live, """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db","annotations":{"kubectl.kubernetes.io/last-applied-configuration":"new"}}}""", Secret("kubectl-last-applied", force: true, time: T2));

        Assert.Equal("new", live["metadata"]!["annotations"]!["kubectl.kubernetes.io/last-applied-configuration"]!.GetValue<string>());
        AssertJson("""{"f:data":{"f:a":{}}}""", EntryOf(live, "kubectl")["fieldsV1"]);
        AssertJson("""{"f:metadata":{"f:annotations":{"f:kubectl.kubernetes.io/last-applied-configuration":{}}}}""", EntryOf(live, "kubectl-last-applied")["fieldsV1"]);
        // The map itself stays owned by the creator; only the forced annotation moved.
        AssertJson("""{"f:data":{".":{},"f:a":{}},"f:metadata":{"f:annotations":{}}}""", EntryOf(live, "kubectl-client-side-apply", "Update")["fieldsV1"]);
    }

    [Fact]
    public void Containers_merge_by_name_between_managers_and_fieldsV1_keys_them()
    {
        var options = new ApplyOptions("team-a", false, "apps/v1", "Deployment", T1);
        var live = Apply(null, """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"template":{"spec":{"containers":[{"name":"app","image":"app:1"}]}}}}""", options);

        live = Apply(live, """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"side:1"}]}}}}""", options with { Manager = "team-b" });

        AssertJson("""[{"name":"app","image":"app:1"},{"name":"sidecar","image":"side:1"}]""", live["spec"]!["template"]!["spec"]!["containers"]);
        AssertJson("""{"f:spec":{"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"sidecar\"}":{".":{},"f:image":{},"f:name":{}}}}}}}""", EntryOf(live, "team-b")["fieldsV1"]);

        var conflict = ServerSideApply.Apply(live, Obj("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"template":{"spec":{"containers":[{"name":"app","image":"app:2"}]}}}}"""), options with { Manager = "team-b" });
        Assert.Equal(".spec.template.spec.containers[name=\"app\"].image", Assert.Single(conflict.Conflicts).FieldPath);

        // team-a drops its container: it goes, team-b's stays.
        live = Apply(live, """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"template":{"spec":{"containers":[]}}}}""", options);
        AssertJson("""[{"name":"sidecar","image":"side:1"}]""", live["spec"]!["template"]!["spec"]!["containers"]);
    }

    [Fact]
    public void Container_ports_are_keyed_by_port_and_protocol()
    {
        var options = new ApplyOptions("kubectl", false, "apps/v1", "Deployment", T1);
        var live = Apply(null, """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"template":{"spec":{"containers":[{"name":"app","ports":[{"containerPort":80,"protocol":"TCP"}]}]}}}}""", options);

        AssertJson("""{"f:spec":{"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"app\"}":{".":{},"f:name":{},"f:ports":{"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{},"f:protocol":{}}}}}}}}}""", EntryOf(live, "kubectl")["fieldsV1"]);
    }

    [Fact]
    public void Crd_list_types_drive_merging_of_custom_resources()
    {
        ListType ListTypes(string path) => path switch
        {
            ".spec.data" => ListType.Map("secretKey"),
            ".spec.tags" => ListType.Set,
            _ => ListType.Atomic,
        };
        var options = new ApplyOptions("a", false, "external-secrets.io/v1", "ExternalSecret", T1, ListTypes);
        var live = Apply(null, """{"apiVersion":"external-secrets.io/v1","kind":"ExternalSecret","metadata":{"name":"es"},"spec":{"data":[{"secretKey":"u","remoteRef":{"key":"k1"}}],"tags":["x"],"args":["1"]}}""", options);

        live = Apply(live, """{"apiVersion":"external-secrets.io/v1","kind":"ExternalSecret","metadata":{"name":"es"},"spec":{"data":[{"secretKey":"p","remoteRef":{"key":"k2"}}],"tags":["y"]}}""", options with { Manager = "b" });

        AssertJson("""[{"secretKey":"u","remoteRef":{"key":"k1"}},{"secretKey":"p","remoteRef":{"key":"k2"}}]""", live["spec"]!["data"]);
        AssertJson("""["x","y"]""", live["spec"]!["tags"]);
        AssertJson("""{"f:spec":{"f:data":{"k:{\"secretKey\":\"p\"}":{".":{},"f:remoteRef":{"f:key":{}},"f:secretKey":{}}},"f:tags":{"v:\"y\"":{}}}}""", EntryOf(live, "b")["fieldsV1"]);

        var atomic = ServerSideApply.Apply(live, Obj("""{"apiVersion":"external-secrets.io/v1","kind":"ExternalSecret","metadata":{"name":"es"},"spec":{"args":["2"]}}"""), options with { Manager = "b" });
        Assert.Equal(".spec.args", Assert.Single(atomic.Conflicts).FieldPath);
    }

    [Fact]
    public void Finalizers_apply_as_a_set()
    {
        var live = Apply(null, """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s","finalizers":["a/x"]}}""", Secret("one"));

        live = Apply(live, """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s","finalizers":["b/y"]}}""", Secret("two"));

        AssertJson("""["a/x","b/y"]""", live["metadata"]!["finalizers"]);
    }

    [Fact]
    public void Client_supplied_managed_fields_and_nulls_in_the_configuration_are_ignored()
    {
        var created = Apply(null, """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s","managedFields":[{"manager":"evil","operation":"Apply","fieldsType":"FieldsV1","fieldsV1":{"f:data":{}}}]},"data":{"a":"MQ==","b":null}}""", Secret("kubectl"));

        Assert.False(HasEntry(created, "evil"));
        AssertJson("""{"a":"MQ=="}""", created["data"]);
    }

    [Theory]
    [InlineData("", "v1", "Secret")]
    [InlineData("kubectl", "v1", "ConfigMap")]
    [InlineData("kubectl", "v2", "Secret")]
    public void Requests_without_a_manager_or_with_the_wrong_type_are_bad_requests(string manager, string apiVersion, string kind)
    {
        var error = Assert.Throws<PatchException>(() => ServerSideApply.Apply(null, Obj("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s"}}"""), new ApplyOptions(manager, false, apiVersion, kind, T1)));
        Assert.Equal(400, error.StatusCode);
    }

    [Fact]
    public void Status_subresource_applies_get_their_own_entry()
    {
        var options = new ApplyOptions("controller", false, "bitnami.com/v1alpha1", "SealedSecret", T1, Subresource: "status");
        var live = Obj("""{"apiVersion":"bitnami.com/v1alpha1","kind":"SealedSecret","metadata":{"name":"s"},"spec":{"encryptedData":{"a":"x"}}}""");
        ManagedFields.RecordUpdate(null, live, "kubectl", "bitnami.com/v1alpha1", T1, null);

        var updated = Apply(live, """{"apiVersion":"bitnami.com/v1alpha1","kind":"SealedSecret","metadata":{"name":"s"},"status":{"observedGeneration":1}}""", options);

        var entry = EntryOf(updated, "controller");
        Assert.Equal("status", entry["subresource"]!.GetValue<string>());
        AssertJson("""{"f:status":{"f:observedGeneration":{}}}""", entry["fieldsV1"]);
        Assert.Equal("x", updated["spec"]!["encryptedData"]!["a"]!.GetValue<string>());
    }

    [Fact]
    public void Kubectl_server_side_apply_over_kubectl_run_matches_a_recorded_apiserver_shape()
    {
        // Shape recorded from a real cluster: kubectl run, then kubectl apply --server-side; the
        // kubectl-last-applied entry only claims the annotation, so it carries no time.
        var pod = Obj("""
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"nginx","namespace":"default","labels":{"run":"nginx"},"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"cfg"}},
             "spec":{"containers":[{"name":"nginx","image":"nginx:1","resources":{}}],"dnsPolicy":"ClusterFirst","restartPolicy":"Never"},"status":{}}
            """);
        ManagedFields.RecordUpdate(null, pod, "kubectl-run", "v1", T1, null);
        var options = new ApplyOptions("kubectl", true, "v1", "Pod", T2);

        pod = Apply(pod, """{"apiVersion":"v1","kind":"Pod","metadata":{"name":"nginx","labels":{"run":"nginx"}},"spec":{"containers":[{"name":"nginx","image":"nginx:2","resources":{}}],"dnsPolicy":"ClusterFirst","restartPolicy":"Never"}}""", options);
        // The apiserver rewrote the annotation for "kubectl"; kubectl re-applies the value it got back.
        var annotation = pod["metadata"]!["annotations"]!["kubectl.kubernetes.io/last-applied-configuration"]!.GetValue<string>();
        var claim = Obj("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"nginx","annotations":{}}}""");
        claim["metadata"]!["annotations"]!["kubectl.kubernetes.io/last-applied-configuration"] = annotation;
        pod = ServerSideApply.Apply(pod, claim, options with { Manager = "kubectl-last-applied" }).Object!;

        AssertJson("""
            [{"manager":"kubectl-last-applied","operation":"Apply","apiVersion":"v1","fieldsType":"FieldsV1",
              "fieldsV1":{"f:metadata":{"f:annotations":{"f:kubectl.kubernetes.io/last-applied-configuration":{}}}}},
             {"manager":"kubectl","operation":"Apply","apiVersion":"v1","time":"2024-06-01T09:00:00Z","fieldsType":"FieldsV1",
              "fieldsV1":{"f:metadata":{"f:labels":{"f:run":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},"f:name":{},"f:resources":{}}},"f:dnsPolicy":{},"f:restartPolicy":{}}}},
             {"manager":"kubectl-run","operation":"Update","apiVersion":"v1","time":"2024-06-01T08:00:00Z","fieldsType":"FieldsV1",
              "fieldsV1":{"f:metadata":{"f:annotations":{".":{},"f:kubectl.kubernetes.io/last-applied-configuration":{}},"f:labels":{".":{},"f:run":{}}},
                          "f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:name":{},"f:resources":{}}},"f:dnsPolicy":{},"f:restartPolicy":{}}}}]
            """, pod["metadata"]!["managedFields"]);
    }

    private static JsonObject ClientSideApplied(string data)
    {
        // What kubectl apply (client-side) leaves: the manifest, its last-applied copy, and an Update entry.
        var manifest = Obj($$"""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db","namespace":"default"},"data":{{data}},"type":"Opaque"}""");
        var live = manifest.DeepClone().AsObject();
        live["metadata"]!["annotations"] = new JsonObject { ["kubectl.kubernetes.io/last-applied-configuration"] = manifest.ToJsonString() + "\n" };
        ManagedFields.RecordUpdate(null, live, "kubectl-client-side-apply", "v1", T1, null);
        return live;
    }

    [Fact]
    public void Kubectl_server_side_takes_over_client_side_fields_that_still_match_last_applied()
    {
        // The bodies kubectl 1.32 sends for `kubectl apply --server-side` on a client-side-applied Secret.
        var live = ClientSideApplied("""{"a":"MQ=="}""");

        var applied = Apply(live, """{"apiVersion":"v1","data":{"a":"Mg=="},"kind":"Secret","metadata":{"name":"db","namespace":"default"},"type":"Opaque"}""", Secret("kubectl", time: T2));

        Assert.Equal("Mg==", applied["data"]!["a"]!.GetValue<string>());
        Assert.Equal(
            "{\"apiVersion\":\"v1\",\"data\":{\"a\":\"Mg==\"},\"kind\":\"Secret\",\"metadata\":{\"name\":\"db\",\"namespace\":\"default\"},\"type\":\"Opaque\"}\n",
            applied["metadata"]!["annotations"]!["kubectl.kubernetes.io/last-applied-configuration"]!.GetValue<string>());
        AssertJson("""{"f:data":{"f:a":{}},"f:type":{}}""", EntryOf(applied, "kubectl")["fieldsV1"]);
        AssertJson("""{"f:data":{},"f:metadata":{"f:annotations":{".":{},"f:kubectl.kubernetes.io/last-applied-configuration":{}}},"f:type":{}}""", EntryOf(applied, "kubectl-client-side-apply", "Update")["fieldsV1"]);

        // kubectl then claims the annotation for kubectl-last-applied (same value: no conflict, no time).
        var annotation = applied["metadata"]!["annotations"]!["kubectl.kubernetes.io/last-applied-configuration"]!.GetValue<string>();
        var claimed = ServerSideApply.Apply(applied, new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject { ["name"] = "db", ["namespace"] = "default", ["annotations"] = new JsonObject { ["kubectl.kubernetes.io/last-applied-configuration"] = annotation } },
        }, Secret("kubectl-last-applied", time: T2)).Object!;
        Assert.Null(EntryOf(claimed, "kubectl-last-applied")["time"]);
    }

    [Fact]
    public void Kubectl_server_side_still_conflicts_when_someone_changed_the_field_since_the_last_client_side_apply()
    {
        var live = ClientSideApplied("""{"a":"MQ=="}""");
        var edited = live.DeepClone().AsObject();
        edited["data"]!["a"] = "ZWRpdGVk";
        ManagedFields.RecordUpdate(live, edited, "kubectl-edit", "v1", T1, null);

        var result = ServerSideApply.Apply(edited, Obj("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"},"data":{"a":"Mg=="}}"""), Secret("kubectl", time: T2));

        Assert.Equal("kubectl-edit", Assert.Single(result.Conflicts).Manager);
    }

    [Fact]
    public void Other_managers_do_not_get_the_client_side_upgrade_path()
    {
        var live = ClientSideApplied("""{"a":"MQ=="}""");

        var result = ServerSideApply.Apply(live, Obj("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"},"data":{"a":"Mg=="}}"""), Secret("my-controller"));

        Assert.Equal("kubectl-client-side-apply", Assert.Single(result.Conflicts).Manager);
    }

    [Fact]
    public void Kubectls_managed_fields_migration_patch_is_kept_as_sent()
    {
        var live = ClientSideApplied("""{"a":"MQ=="}""");
        // kubectl's csaupgrade step: a JSON patch replacing managedFields, guarded by resourceVersion.
        var migration = JsonNode.Parse("""[{"op":"replace","path":"/metadata/managedFields","value":[{"manager":"kubectl","operation":"Apply","apiVersion":"v1","time":"2024-01-01T00:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:data":{".":{},"f:a":{}},"f:type":{}}}]}]""")!;
        var patched = JsonPatch.Apply(live, migration).AsObject();

        ManagedFields.RecordUpdate(live, patched, "kubectl", "v1", T2, null);

        var entry = Assert.Single(patched["metadata"]!["managedFields"]!.AsArray())!;
        Assert.Equal("Apply", entry["operation"]!.GetValue<string>());
        AssertJson("""{"f:data":{".":{},"f:a":{}},"f:type":{}}""", entry["fieldsV1"]);
    }

    [Fact]
    public void Server_owned_metadata_keeps_its_live_values()
    {
        var live = Apply(null, """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db"},"data":{"a":"MQ=="}}""", Secret("kubectl"));
        live["metadata"]!["uid"] = "real-uid";
        live["metadata"]!["resourceVersion"] = "42";
        live["metadata"]!["creationTimestamp"] = "2024-01-01T00:00:00Z";

        var updated = Apply(live, """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"db","uid":"forged","resourceVersion":"1","creationTimestamp":"1999-01-01T00:00:00Z","deletionTimestamp":"2000-01-01T00:00:00Z"},"data":{"a":"MQ=="}}""", Secret("kubectl"));

        Assert.Equal("real-uid", updated["metadata"]!["uid"]!.GetValue<string>());
        Assert.Equal("42", updated["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal("2024-01-01T00:00:00Z", updated["metadata"]!["creationTimestamp"]!.GetValue<string>());
        Assert.Null(updated["metadata"]!["deletionTimestamp"]);
    }

    [Fact]
    public void Nulls_inside_list_items_of_the_configuration_are_ignored()
    {
        var options = new ApplyOptions("kubectl", false, "apps/v1", "Deployment", T1);
        var created = Apply(null, """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"template":{"spec":{"containers":[{"name":"app","image":"a","command":null}]}}}}""", options);

        AssertJson("""[{"name":"app","image":"a"}]""", created["spec"]!["template"]!["spec"]!["containers"]);
    }

    [Fact]
    public void A_port_without_protocol_is_keyed_with_the_tcp_default_and_matches_the_defaulted_live_port()
    {
        var options = new ApplyOptions("kubectl", false, "apps/v1", "Deployment", T1);
        var live = Apply(null, """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"template":{"spec":{"containers":[{"name":"app","ports":[{"containerPort":80}]}]}}}}""", options);
        // The server defaulted the protocol after the first apply.
        live["spec"]!["template"]!["spec"]!["containers"]![0]!["ports"]![0]!["protocol"] = "TCP";

        var updated = Apply(live, """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"template":{"spec":{"containers":[{"name":"app","ports":[{"containerPort":80,"name":"http"}]}]}}}}""", options);

        AssertJson("""[{"containerPort":80,"protocol":"TCP","name":"http"}]""", updated["spec"]!["template"]!["spec"]!["containers"]![0]!["ports"]);
        AssertJson("""{"f:spec":{"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"app\"}":{".":{},"f:name":{},"f:ports":{"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{},"f:name":{}}}}}}}}}""", EntryOf(updated, "kubectl")["fieldsV1"]);
    }

    [Fact]
    public void A_list_item_without_its_key_field_is_a_bad_request_naming_the_list()
    {
        var error = Assert.Throws<PatchException>(() => ServerSideApply.Apply(null, Obj("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"template":{"spec":{"containers":[{"image":"no-name"}]}}}}"""), new ApplyOptions("kubectl", false, "apps/v1", "Deployment", T1)));

        Assert.Equal(400, error.StatusCode);
        Assert.Contains(".spec.template.spec.containers: element 0", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"name\"", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""["a","b","c"]""", """["c","a"]""", """["b","c","a"]""")]
    [InlineData("""["x","y"]""", """["z","x"]""", """["z","x","y"]""")]
    [InlineData("""["a","b"]""", """["b","a"]""", """["b","a"]""")]
    [InlineData("""["a"]""", """["b","c"]""", """["a","b","c"]""")]
    public void Merged_lists_follow_the_applied_order_and_keep_live_only_items_in_place(string live, string applied, string expected)
    {
        ListType Types(string path) => path == ".spec.items" ? ListType.Map("name") : ListType.Atomic;
        static JsonArray Items(string names) => new(JsonNode.Parse(names)!.AsArray().Select(n => (JsonNode?)new JsonObject { ["name"] = n!.GetValue<string>() }).ToArray());
        var options = new ApplyOptions("owner", true, "example.io/v1", "Thing", T1, Types);
        var liveObject = new JsonObject { ["apiVersion"] = "example.io/v1", ["kind"] = "Thing", ["metadata"] = new JsonObject { ["name"] = "t" }, ["spec"] = new JsonObject { ["items"] = Items(live) } };
        ManagedFields.RecordUpdate(null, liveObject, "someone", "example.io/v1", T1, null, Types);
        var config = new JsonObject { ["apiVersion"] = "example.io/v1", ["kind"] = "Thing", ["metadata"] = new JsonObject { ["name"] = "t" }, ["spec"] = new JsonObject { ["items"] = Items(applied) } };

        var merged = ServerSideApply.Apply(liveObject, config, options).Object!;

        AssertJson(Items(expected).ToJsonString(), merged["spec"]!["items"]);
    }
}
