using System.Text.Json.Nodes;
using Kube.ApiServer.Patching;

namespace Kube.ApiServer.Tests.Patching;

public class ManagedFieldsTests
{
    private static readonly DateTimeOffset T1 = new(2024, 5, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset T2 = new(2024, 5, 1, 11, 30, 15, TimeSpan.Zero);

    private static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();

    private static JsonNode? Entries(JsonObject obj) => obj["metadata"]?["managedFields"];

    private static JsonObject EntryOf(JsonObject obj, string manager) =>
        Entries(obj)!.AsArray().Single(e => e!["manager"]!.GetValue<string>() == manager)!.AsObject();

    private static void AssertFields(string expected, JsonObject entry) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), entry["fieldsV1"]), entry["fieldsV1"]!.ToJsonString());

    // FieldsV1 written by real apiservers on create (seen in published audit logs and etcd dumps).
    [Theory]
    [InlineData(
        "kubectl-client-side-apply",
        """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"mysecret2","namespace":"default","annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}"},"labels":{"purpose":"production"}},"data":{"password":"cA==","username":"dQ=="},"type":"Opaque"}""",
        """{"f:data":{".":{},"f:password":{},"f:username":{}},"f:metadata":{"f:annotations":{".":{},"f:kubectl.kubernetes.io/last-applied-configuration":{}},"f:labels":{".":{},"f:purpose":{}}},"f:type":{}}""")]
    [InlineData(
        "kubectl-client-side-apply",
        """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"my-config","namespace":"default","annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}"}},"data":{"access.properties":"a","ui.properties":"u"}}""",
        """{"f:data":{".":{},"f:access.properties":{},"f:ui.properties":{}},"f:metadata":{"f:annotations":{".":{},"f:kubectl.kubernetes.io/last-applied-configuration":{}}}}""")]
    [InlineData(
        "kubectl-create",
        """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"pull-creds","namespace":"wareville"},"data":{".dockerconfigjson":"e30="},"type":"kubernetes.io/dockerconfigjson"}""",
        """{"f:data":{".":{},"f:.dockerconfigjson":{}},"f:type":{}}""")]
    public void Creates_record_the_field_sets_real_apiservers_write(string manager, string obj, string expected)
    {
        var created = Obj(obj);
        ManagedFields.RecordUpdate(null, created, manager, "v1", T1, null);
        Assert.Equal(expected, EntryOf(created, manager)["fieldsV1"]!.ToJsonString());
    }

    [Fact]
    public void Kubectl_apply_create_of_a_secret_records_the_shape_a_real_apiserver_writes()
    {
        var secret = Obj("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s","namespace":"default","uid":"u","resourceVersion":"5","creationTimestamp":"2024-05-01T10:00:00Z","annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}"}},"data":{"password":"cA=="},"type":"Opaque"}""");

        ManagedFields.RecordUpdate(null, secret, "kubectl-client-side-apply", "v1", T1, null);

        var expected = """
            [{"manager":"kubectl-client-side-apply","operation":"Update","apiVersion":"v1","time":"2024-05-01T10:00:00Z","fieldsType":"FieldsV1",
              "fieldsV1":{"f:data":{".":{},"f:password":{}},"f:metadata":{"f:annotations":{".":{},"f:kubectl.kubernetes.io/last-applied-configuration":{}}},"f:type":{}}}]
            """;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), Entries(secret)), Entries(secret)!.ToJsonString());
        Assert.Equal("""{"f:data":{".":{},"f:password":{}},"f:metadata":{"f:annotations":{".":{},"f:kubectl.kubernetes.io/last-applied-configuration":{}}},"f:type":{}}""", EntryOf(secret, "kubectl-client-side-apply")["fieldsV1"]!.ToJsonString());
    }

    [Fact]
    public void Deployment_create_places_dots_where_go_zero_values_were_absent()
    {
        var deployment = Obj("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"app":"web"}},
             "spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":"25%"}},
              "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"nginx","image":"nginx","ports":[{"containerPort":80,"protocol":"TCP"}],"resources":{}}]}}}}
            """);

        ManagedFields.RecordUpdate(null, deployment, "kubectl-create", "apps/v1", T1, null);

        AssertFields("""
            {"f:metadata":{"f:labels":{".":{},"f:app":{}}},
             "f:spec":{"f:replicas":{},"f:selector":{},"f:strategy":{"f:rollingUpdate":{".":{},"f:maxSurge":{}},"f:type":{}},
              "f:template":{"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},"f:name":{},
               "f:ports":{".":{},"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{".":{},"f:containerPort":{},"f:protocol":{}}},"f:resources":{}}}}}}}
            """, EntryOf(deployment, "kubectl-create"));
    }

    [Theory]
    [InlineData("""{"name":"c","labels":{"a":"1"}}""", """{"f:metadata":{"f:labels":{"f:env":{}}}}""")]
    [InlineData("""{"name":"c"}""", """{"f:metadata":{"f:labels":{".":{},"f:env":{}}}}""")]
    public void Kubectl_label_owns_just_the_label_it_added(string metadata, string expected)
    {
        var old = Obj("""{"apiVersion":"v1","kind":"ConfigMap","data":{"k":"v"}}""");
        old["metadata"] = JsonNode.Parse(metadata);
        var updated = MergePatch.Apply(old, JsonNode.Parse("""{"metadata":{"labels":{"env":"prod"}}}""")!).AsObject();

        ManagedFields.RecordUpdate(old, updated, "kubectl-label", "v1", T1, null);

        AssertFields(expected, EntryOf(updated, "kubectl-label"));
    }

    [Fact]
    public void An_update_takes_changed_fields_away_from_other_managers_and_keeps_the_rest_shared()
    {
        var applied = ServerSideApply.Apply(null, Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1","b":"2"}}"""), new ApplyOptions("ci", false, "v1", "ConfigMap", T1)).Object!;
        var edited = applied.DeepClone().AsObject();
        edited["data"]!["a"] = "changed";

        ManagedFields.RecordUpdate(applied, edited, "kubectl-edit", "v1", T2, null);

        AssertFields("""{"f:data":{"f:b":{}}}""", EntryOf(edited, "ci"));
        AssertFields("""{"f:data":{"f:a":{}}}""", EntryOf(edited, "kubectl-edit"));
        Assert.Equal("2024-05-01T10:00:00Z", EntryOf(edited, "ci")["time"]!.GetValue<string>());
        Assert.Equal("2024-05-01T11:30:15Z", EntryOf(edited, "kubectl-edit")["time"]!.GetValue<string>());
    }

    [Fact]
    public void Removing_a_field_removes_it_from_every_manager()
    {
        var old = Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1","b":"2"}}""");
        var created = old.DeepClone().AsObject();
        ManagedFields.RecordUpdate(null, created, "creator", "v1", T1, null);
        var updated = created.DeepClone().AsObject();
        updated["data"]!.AsObject().Remove("a");

        ManagedFields.RecordUpdate(created, updated, "remover", "v1", T2, null);

        AssertFields("""{"f:data":{".":{},"f:b":{}}}""", EntryOf(updated, "creator"));
        Assert.DoesNotContain(Entries(updated)!.AsArray(), e => e!["manager"]!.GetValue<string>() == "remover");
    }

    [Fact]
    public void A_write_that_changes_nothing_records_nothing()
    {
        var created = Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1"}}""");
        ManagedFields.RecordUpdate(null, created, "creator", "v1", T1, null);
        var same = created.DeepClone().AsObject();

        ManagedFields.RecordUpdate(created, same, "someone-else", "v1", T2, null);

        Assert.True(JsonNode.DeepEquals(Entries(created), Entries(same)));
    }

    [Fact]
    public void Entries_are_kept_per_api_version_and_subresource_and_sorted_like_the_apiserver()
    {
        var v1 = Obj("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"n"},"spec":{"finalizers":["kubernetes"]}}""");
        ManagedFields.RecordUpdate(null, v1, "ctl", "v1", T2, null);
        var withStatus = v1.DeepClone().AsObject();
        withStatus["status"] = new JsonObject { ["phase"] = "Active" };

        ManagedFields.RecordUpdate(v1, withStatus, "ctl", "v1", T1, "status");

        var entries = Entries(withStatus)!.AsArray();
        Assert.Equal(2, entries.Count);
        // Sorted by time: the status entry (T1) comes first.
        Assert.Equal("status", entries[0]!["subresource"]!.GetValue<string>());
        AssertFields("""{"f:status":{"f:phase":{}}}""", entries[0]!.AsObject());
        Assert.Null(entries[1]!["subresource"]);
    }

    [Fact]
    public void Finalizers_are_owned_per_value()
    {
        var created = Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","finalizers":["a.io/x"]}}""");
        ManagedFields.RecordUpdate(null, created, "creator", "v1", T1, null);
        var updated = created.DeepClone().AsObject();
        updated["metadata"]!["finalizers"]!.AsArray().Add("b.io/y");

        ManagedFields.RecordUpdate(created, updated, "controller", "v1", T2, null);

        AssertFields("""{"f:metadata":{"f:finalizers":{".":{},"v:\"a.io/x\"":{}}}}""", EntryOf(updated, "creator"));
        AssertFields("""{"f:metadata":{"f:finalizers":{"v:\"b.io/y\"":{}}}}""", EntryOf(updated, "controller"));
    }

    [Fact]
    public void Owner_references_are_keyed_by_uid_and_owned_whole()
    {
        var obj = Obj("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s","ownerReferences":[{"apiVersion":"bitnami.com/v1alpha1","kind":"SealedSecret","name":"s","uid":"abc","controller":true}]}}""");

        ManagedFields.RecordUpdate(null, obj, "controller", "v1", T1, null);

        AssertFields("""{"f:metadata":{"f:ownerReferences":{".":{},"k:{\"uid\":\"abc\"}":{}}}}""", EntryOf(obj, "controller"));
    }

    [Fact]
    public void A_client_sending_a_single_empty_entry_clears_managed_fields()
    {
        var created = Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1"}}""");
        ManagedFields.RecordUpdate(null, created, "creator", "v1", T1, null);
        var reset = created.DeepClone().AsObject();
        reset["metadata"]!["managedFields"] = JsonNode.Parse("[{}]");

        ManagedFields.RecordUpdate(created, reset, "kubectl-patch", "v1", T2, null);

        Assert.Null(Entries(reset));
    }

    [Fact]
    public void Managed_fields_the_client_rewrote_are_the_starting_point_as_kubectl_migration_needs()
    {
        var created = Obj("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"1"}}""");
        ManagedFields.RecordUpdate(null, created, "kubectl-client-side-apply", "v1", T1, null);
        var migrated = created.DeepClone().AsObject();
        migrated["metadata"]!["managedFields"] = JsonNode.Parse("""[{"manager":"kubectl","operation":"Apply","apiVersion":"v1","time":"2024-05-01T10:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:data":{"f:a":{}}}}]""");

        ManagedFields.RecordUpdate(created, migrated, "kubectl", "v1", T2, null);

        var entry = Assert.Single(Entries(migrated)!.AsArray());
        Assert.Equal("Apply", entry!["operation"]!.GetValue<string>());
        Assert.Equal("kubectl", entry["manager"]!.GetValue<string>());
    }

    [Fact]
    public void Custom_resource_lists_use_the_crd_list_types()
    {
        ListType ListTypes(string path) => path switch
        {
            ".spec.rules" => ListType.Map("name"),
            ".spec.tags" => ListType.Set,
            _ => ListType.Atomic,
        };
        var obj = Obj("""{"apiVersion":"example.io/v1","kind":"Widget","metadata":{"name":"w"},"spec":{"rules":[{"name":"r1","x":1}],"tags":["t1"],"args":["a"]}}""");

        ManagedFields.RecordUpdate(null, obj, "ctl", "example.io/v1", T1, null, ListTypes);

        AssertFields("""{"f:spec":{".":{},"f:args":{},"f:rules":{".":{},"k:{\"name\":\"r1\"}":{".":{},"f:name":{},"f:x":{}}},"f:tags":{".":{},"v:\"t1\"":{}}}}""", EntryOf(obj, "ctl"));
    }
}
