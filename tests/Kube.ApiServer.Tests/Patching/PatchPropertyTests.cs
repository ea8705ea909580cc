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
