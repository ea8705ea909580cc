using System.Text.Json.Nodes;
using Kube.ApiServer.Patching;

namespace Kube.ApiServer.Tests.Patching;

/// <summary>Properties checked over seeded random documents (deterministic, no extra packages).</summary>
public class PatchPropertyTests
{
    private const int Runs = 300;

    [Fact]
    public void Merge_patch_of_a_document_with_itself_is_the_document()
    {
        var random = new Random(7301);
        for (var i = 0; i < Runs; i++)
        {
            var doc = RandomObject(random, depth: 3, allowNulls: false);
            Assert.True(JsonNode.DeepEquals(doc, MergePatch.Apply(doc, doc)), doc.ToJsonString());
        }
    }

    [Fact]
    public void Merge_patch_from_an_empty_object_builds_the_patch_without_its_nulls()
    {
        var random = new Random(7302);
        for (var i = 0; i < Runs; i++)
        {
            var patch = RandomObject(random, depth: 3, allowNulls: true);
            var result = MergePatch.Apply(new JsonObject(), patch);
            Assert.True(JsonNode.DeepEquals(WithoutNulls(patch), result), patch.ToJsonString());
        }
    }

    [Fact]
    public void Json_patch_add_then_remove_restores_the_document()
    {
        var random = new Random(7303);
        for (var i = 0; i < Runs; i++)
        {
            var doc = RandomObject(random, depth: 3, allowNulls: true);
            var key = "k" + random.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture) + "/~x";
            var pointer = "/" + key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
            var patch = new JsonArray(
                new JsonObject { ["op"] = "add", ["path"] = pointer, ["value"] = RandomValue(random, 2, true) },
                new JsonObject { ["op"] = "remove", ["path"] = pointer });
            Assert.True(JsonNode.DeepEquals(doc, JsonPatch.Apply(doc, patch)), doc.ToJsonString());
        }
    }

    [Fact]
    public void Strategic_merge_without_lists_or_directives_equals_merge_patch()
    {
        var random = new Random(7304);
        for (var i = 0; i < Runs; i++)
        {
            var target = RandomObject(random, depth: 3, allowNulls: false, lists: false);
            var patch = RandomObject(random, depth: 3, allowNulls: true, lists: false);
            Assert.True(
                JsonNode.DeepEquals(MergePatch.Apply(target, patch), StrategicMergePatch.Apply(target, patch, "v1", "ConfigMap")),
                target.ToJsonString() + " + " + patch.ToJsonString());
        }
    }

    [Fact]
    public void Reapplying_the_same_configuration_is_a_no_op()
    {
        var random = new Random(7305);
        var time = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < Runs; i++)
        {
            var config = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["name"] = "c" }, ["data"] = RandomObject(random, depth: 2, allowNulls: false) };
            var options = new ApplyOptions("m", false, "v1", "ConfigMap", time);
            var once = ServerSideApply.Apply(null, config, options).Object!;
            var twice = ServerSideApply.Apply(once, config, options with { Time = time.AddHours(1) }).Object!;
            Assert.True(JsonNode.DeepEquals(once, twice), config.ToJsonString());
        }
    }

    [Fact]
    public void A_no_op_write_by_another_manager_leaves_ownership_unchanged()
    {
        var random = new Random(7306);
        for (var i = 0; i < Runs; i++)
        {
            var obj = RandomObject(random, depth: 3, allowNulls: true);
            obj["metadata"] = new JsonObject { ["name"] = "x" };
            ManagedFields.RecordUpdate(null, obj, "m", "v1", DateTimeOffset.UnixEpoch, null);
            var fields = obj["metadata"]!["managedFields"]?[0]?["fieldsV1"];
            if (fields is null)
            {
                continue;
            }

            var again = obj.DeepClone().AsObject();
            ManagedFields.RecordUpdate(obj, again, "other", "v1", DateTimeOffset.UnixEpoch, null);
            Assert.True(JsonNode.DeepEquals(obj["metadata"]!["managedFields"], again["metadata"]!["managedFields"]));
        }
    }

    [Fact]
    public void Random_patches_either_apply_or_fail_with_a_patch_exception()
    {
        var random = new Random(7307);
        string[] directives = ["$patch", "$retainKeys", "$setElementOrder/containers", "$deleteFromPrimitiveList/finalizers", "containers", "finalizers", "ports", "env"];
        for (var i = 0; i < Runs * 3; i++)
        {
            var target = RandomKubeish(random, depth: 5, directives: false);
            var patch = RandomKubeish(random, depth: 5, directives: true);
            patch[directives[random.Next(directives.Length)]] = RandomValue(random, 2, true);
            var ops = new JsonArray(new JsonObject { ["op"] = new[] { "add", "remove", "replace", "move", "copy", "test", "x" }[random.Next(7)], ["path"] = "/f" + random.Next(6).ToString(System.Globalization.CultureInfo.InvariantCulture), ["from"] = "/f1", ["value"] = RandomValue(random, 2, true) });

            Tolerate(() => StrategicMergePatch.Apply(target, patch, "apps/v1", "Deployment"));
            Tolerate(() => JsonPatch.Apply(target, ops));
            Tolerate(() => MergePatch.Apply(target, patch));
            target["apiVersion"] = "v1";
            target["kind"] = "Secret";
            patch["apiVersion"] = "v1";
            patch["kind"] = "Secret";
            Tolerate(() => ServerSideApply.Apply(target, patch, new ApplyOptions("m", random.Next(2) == 0, "v1", "Secret", DateTimeOffset.UnixEpoch)));
            Tolerate(() => ManagedFields.RecordUpdate(target, patch, "m", "v1", DateTimeOffset.UnixEpoch, null));
            target["apiVersion"] = "apps/v1";
            target["kind"] = "Deployment";
            patch["apiVersion"] = "apps/v1";
            patch["kind"] = "Deployment";
            Tolerate(() => ServerSideApply.Apply(target, patch, new ApplyOptions("m", random.Next(2) == 0, "apps/v1", "Deployment", DateTimeOffset.UnixEpoch)));
            Tolerate(() => ManagedFields.RecordUpdate(target, patch, "m", "apps/v1", DateTimeOffset.UnixEpoch, null));
            Tolerate(() => ManagedFields.RecordUpdate(null, patch, "m", "apps/v1", DateTimeOffset.UnixEpoch, null));
        }
    }

    private static readonly string[] KubeNames =
        ["spec", "template", "containers", "name", "image", "env", "ports", "containerPort", "protocol", "metadata", "finalizers", "ownerReferences", "uid", "labels", "data", "f1"];

    private static readonly string[] DirectiveNames =
        ["$patch", "$retainKeys", "$setElementOrder/containers", "$setElementOrder/env", "$deleteFromPrimitiveList/finalizers"];

    /// <summary>Objects shaped like Kubernetes ones (known list names, keyed items, directives).</summary>
    private static JsonObject RandomKubeish(Random random, int depth, bool directives)
    {
        var obj = new JsonObject();
        for (var i = random.Next(0, 5); i > 0; i--)
        {
            var name = directives && random.Next(6) == 0 ? DirectiveNames[random.Next(DirectiveNames.Length)] : KubeNames[random.Next(KubeNames.Length)];
            obj[name] = random.Next(5) switch
            {
                0 when depth > 0 => RandomKubeish(random, depth - 1, directives),
                1 when depth > 0 => new JsonArray(Enumerable.Range(0, random.Next(0, 4)).Select(_ => random.Next(3) == 0
                    ? RandomValue(random, 0, directives)
                    : (JsonNode)RandomKubeish(random, depth - 1, directives).Also(o => o["name"] ??= "n" + random.Next(3).ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray()),
                2 => directives && random.Next(3) == 0 ? JsonValue.Create(new[] { "replace", "delete", "merge" }[random.Next(3)]) : RandomValue(random, 0, directives),
                _ => RandomValue(random, 0, directives),
            };
        }

        return obj;
    }

    private static void Tolerate(Action action)
    {
        try
        {
            action();
        }
        catch (PatchException)
        {
            // An answer for the client; anything else would be a 500.
        }
    }

    private static JsonObject WithoutNulls(JsonObject obj)
    {
        var copy = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (value is null)
            {
                continue;
            }

            copy[key] = value is JsonObject nested ? WithoutNulls(nested) : value.DeepClone();
        }

        return copy;
    }

    private static JsonObject RandomObject(Random random, int depth, bool allowNulls, bool lists = true)
    {
        var obj = new JsonObject();
        var count = random.Next(0, 5);
        for (var i = 0; i < count; i++)
        {
            obj["f" + random.Next(0, 6).ToString(System.Globalization.CultureInfo.InvariantCulture)] = RandomValue(random, depth - 1, allowNulls, lists);
        }

        return obj;
    }

    private static JsonNode? RandomValue(Random random, int depth, bool allowNulls, bool lists = true)
    {
        var choice = random.Next(depth <= 0 ? 4 : 6);
        return choice switch
        {
            0 => allowNulls ? null : JsonValue.Create("n"),
            1 => JsonValue.Create(random.Next(-5, 50)),
            2 => JsonValue.Create(random.Next(2) == 0),
            3 => JsonValue.Create("s" + random.Next(0, 20).ToString(System.Globalization.CultureInfo.InvariantCulture) + "+/é"),
            4 when lists => new JsonArray(Enumerable.Range(0, random.Next(0, 3)).Select(_ => RandomValue(random, depth - 1, false, lists)).ToArray()),
            _ => RandomObject(random, depth, allowNulls, lists),
        };
    }
}

internal static class JsonObjectExtensions
{
    public static JsonObject Also(this JsonObject obj, Action<JsonObject> change)
    {
        change(obj);
        return obj;
    }
}
