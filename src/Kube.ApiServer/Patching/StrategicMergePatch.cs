using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kube.ApiServer.Patching;

/// <summary>
/// Strategic merge patch (<c>application/strategic-merge-patch+json</c>) for built-in kinds, as
/// apimachinery's <c>strategicpatch</c> package defines it: JSON merge patch, except that lists with
/// a patch merge key merge item by item, primitive lists tagged <c>patchStrategy:"merge"</c> merge as
/// sets, and these directives are honoured:
/// <list type="bullet">
/// <item><c>"$patch": "replace" | "delete" | "merge"</c> in a map or as a list element;</item>
/// <item><c>"$deleteFromPrimitiveList/&lt;field&gt;": [values]</c> next to a primitive list;</item>
/// <item><c>"$setElementOrder/&lt;field&gt;": [...]</c> giving the order of a merged list;</item>
/// <item><c>"$retainKeys": [names]</c> dropping every other key of the map it sits in.</item>
/// </list>
/// Custom resources have no patch metadata: the kube-apiserver answers 415 for them, and so do we.
/// </summary>
public static class StrategicMergePatch
{
    private const string PatchDirective = "$patch";
    private const string RetainKeys = "$retainKeys";
    private const string DeleteFromPrimitiveList = "$deleteFromPrimitiveList/";
    private const string SetElementOrder = "$setElementOrder/";

    /// <summary>The accepted patch media types a custom resource endpoint lists on 415 (upstream text).</summary>
    internal const string CustomResourceUnsupportedMessage =
        "the body of the request was in an unknown format - accepted media types include: " +
        "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml";

    public static JsonNode Apply(JsonNode target, JsonNode patch, string apiVersion, string kind)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(apiVersion);
        var schema = BuiltInSchemas.Find(apiVersion, kind) ?? throw PatchException.UnsupportedMediaType(CustomResourceUnsupportedMessage);
        if (patch is not JsonObject patchObject)
        {
            throw PatchException.BadRequest("strategic merge patch: the patch must be a JSON object");
        }

        if (target is not JsonObject original)
        {
            throw PatchException.BadRequest("strategic merge patch: the target must be a JSON object");
        }

        return MergeMap(original.DeepClone().AsObject(), patchObject, string.Empty, schema);
    }

    /// <summary>Merges <paramref name="patch"/> into <paramref name="original"/> (a private copy) and returns it.</summary>
    private static JsonObject MergeMap(JsonObject original, JsonObject patch, string path, KindSchema schema)
    {
        if (patch.TryGetPropertyValue(PatchDirective, out var directive))
        {
            switch (DirectiveValue(directive, path))
            {
                case "replace":
                    // The map is replaced by the patch content; nested directives still apply.
                    return MergeMap([], Without(patch, PatchDirective), path, schema);
                case "delete":
                    return [];
                case "merge":
                    break;
                default:
                    throw PatchException.BadRequest($"strategic merge patch: unknown $patch directive at {Display(path)}");
            }
        }

        if (patch.TryGetPropertyValue(RetainKeys, out var retain))
        {
            ApplyRetainKeys(original, patch, retain, path);
        }

        foreach (var (key, value) in patch)
        {
            if (key is PatchDirective or RetainKeys || key.StartsWith(SetElementOrder, StringComparison.Ordinal))
            {
                continue;
            }

            if (key.StartsWith(DeleteFromPrimitiveList, StringComparison.Ordinal))
            {
                DeleteFromList(original, key[DeleteFromPrimitiveList.Length..], value, path);
                continue;
            }

            var childPath = path + "." + key;
            if (JsonValues.IsNull(value))
            {
                original.Remove(key);
                continue;
            }

            original.TryGetPropertyValue(key, out var existing);
            JsonNode? merged = value switch
            {
                JsonObject patchMap when IsDeleteDirective(patchMap) => null,
                JsonObject patchMap => MergeMap(existing as JsonObject ?? [], patchMap, childPath, schema),
                JsonArray patchList => MergeList(existing as JsonArray, patchList, childPath, schema),
                _ => value!.DeepClone(),
            };

            if (merged is null)
            {
                original.Remove(key);
            }
            else if (!ReferenceEquals(merged, existing))
            {
                original[key] = merged;
            }
        }

        foreach (var (key, order) in patch)
        {
            if (key.StartsWith(SetElementOrder, StringComparison.Ordinal))
            {
                var field = key[SetElementOrder.Length..];
                if (original[field] is JsonArray list)
                {
                    original[field] = Reorder(list, order, path + "." + field, schema);
                }
            }
        }

        return original;
    }

    private static JsonArray MergeList(JsonArray? original, JsonArray patch, string path, KindSchema schema)
    {
        var rule = schema.ListAt(path);
        if (rule.MergeKey is { } mergeKey)
        {
            return MergeKeyedList(original, patch, path, mergeKey, schema);
        }

        if (rule.MergePrimitives)
        {
            var result = original?.DeepClone().AsArray() ?? [];
            foreach (var item in patch)
            {
                if (item is JsonObject directive && directive.ContainsKey(PatchDirective))
                {
                    if (DirectiveValue(directive[PatchDirective], path) == "replace")
                    {
                        return new JsonArray(patch.Where(p => p is not JsonObject).Select(p => p?.DeepClone()).ToArray());
                    }

                    continue;
                }

                if (!result.Any(r => JsonValues.DeepEquals(r, item)))
                {
                    result.Add(item?.DeepClone());
                }
            }

            return result;
        }

        // Atomic lists are replaced; nested maps are copied through a merge so directives vanish.
        return new JsonArray(patch.Select(item => item is JsonObject map ? MergeMap([], map, path + "[]", schema) : item?.DeepClone()).ToArray());
    }

    private static JsonArray MergeKeyedList(JsonArray? original, JsonArray patch, string path, string mergeKey, KindSchema schema)
    {
        var result = original?.DeepClone().AsArray() ?? [];
        var itemPath = path + "[]";
        foreach (var item in patch)
        {
            if (item is not JsonObject patchItem)
            {
                throw PatchException.BadRequest($"strategic merge patch: {Display(path)} merges by key \"{mergeKey}\" but has an element that is not an object");
            }

            if (patchItem.TryGetPropertyValue(PatchDirective, out var directive))
            {
                switch (DirectiveValue(directive, path))
                {
                    case "replace":
                        // A {"$patch":"replace"} element: the list becomes exactly the other elements.
                        var replaced = patch.Where(p => p is JsonObject o && !o.ContainsKey(PatchDirective)).Select(p => (JsonNode?)MergeMap([], p!.AsObject(), itemPath, schema));
                        return new JsonArray(replaced.ToArray());
                    case "delete":
                        var doomed = RequiredKey(patchItem, mergeKey, path);
                        for (var i = result.Count - 1; i >= 0; i--)
                        {
                            if (result[i] is JsonObject candidate && JsonValues.DeepEquals(candidate[mergeKey], doomed))
                            {
                                result.RemoveAt(i);
                            }
                        }

                        continue;
                    case "merge":
                        break;
                    default:
                        throw PatchException.BadRequest($"strategic merge patch: unknown $patch directive in {Display(path)}");
                }
            }

            var key = RequiredKey(patchItem, mergeKey, path);
            var match = result.OfType<JsonObject>().FirstOrDefault(candidate => JsonValues.DeepEquals(candidate[mergeKey], key));
            if (match is null)
            {
                result.Add(MergeMap([], patchItem, itemPath, schema));
            }
            else
            {
                MergeMap(match, patchItem, itemPath, schema);
            }
        }

        return result;
    }

    private static JsonNode RequiredKey(JsonObject item, string mergeKey, string path)
    {
        if (item.TryGetPropertyValue(mergeKey, out var key) && !JsonValues.IsNull(key))
        {
            return key!;
        }

        throw PatchException.BadRequest($"strategic merge patch: an element of {Display(path)} does not contain declared merge key: {mergeKey}");
    }

    private static void DeleteFromList(JsonObject original, string field, JsonNode? values, string path)
    {
        if (values is not JsonArray doomed)
        {
            throw PatchException.BadRequest($"strategic merge patch: {DeleteFromPrimitiveList}{field} at {Display(path)} must be a list");
        }

        if (original[field] is not JsonArray list)
        {
            return;
        }

        for (var i = list.Count - 1; i >= 0; i--)
        {
            if (doomed.Any(d => JsonValues.DeepEquals(d, list[i])))
            {
                list.RemoveAt(i);
            }
        }
    }

    private static void ApplyRetainKeys(JsonObject original, JsonObject patch, JsonNode? retain, string path)
    {
        if (retain is not JsonArray names || names.Any(n => n is not JsonValue v || v.GetValueKind() != JsonValueKind.String))
        {
            throw PatchException.BadRequest($"strategic merge patch: $retainKeys at {Display(path)} must be a list of field names");
        }

        var keep = names.Select(n => n!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        foreach (var (key, _) in patch)
        {
            if (!key.StartsWith('$') && !JsonValues.IsNull(patch[key]) && !keep.Contains(key))
            {
                // Upstream rejects a patch that sets (not clears) a field it does not also retain.
                throw PatchException.BadRequest($"strategic merge patch: field {Display(path + "." + key)} is set but not listed in $retainKeys");
            }
        }

        foreach (var key in original.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
        {
            original.Remove(key);
        }
    }

    /// <summary>
    /// Orders a merged list by a <c>$setElementOrder</c> list. Elements the order names come in that
    /// order; elements only the server has keep their place after the element they followed before.
    /// </summary>
    private static JsonArray Reorder(JsonArray list, JsonNode? order, string path, KindSchema schema)
    {
        if (order is not JsonArray wanted)
        {
            throw PatchException.BadRequest($"strategic merge patch: {SetElementOrder}{path.Split('.')[^1]} must be a list");
        }

        var mergeKey = schema.ListAt(path).MergeKey;
        JsonNode? KeyOf(JsonNode? item) => mergeKey is null ? item : (item as JsonObject)?[mergeKey];

        var wantedKeys = wanted.Select(w => KeyOf(w)).ToList();
        int Rank(JsonNode? item) => wantedKeys.FindIndex(k => JsonValues.DeepEquals(k, KeyOf(item)));

        var items = list.Select(i => i?.DeepClone()).ToList();
        var ordered = items.Where(i => Rank(i) >= 0).OrderBy(Rank).ToList();
        JsonNode? previous = null;
        foreach (var item in items)
        {
            if (Rank(item) >= 0)
            {
                previous = item;
                continue;
            }

            var at = previous is null ? 0 : ordered.IndexOf(previous) + 1;
            ordered.Insert(at, item);
            previous = item;
        }

        return new JsonArray(ordered.ToArray());
    }

    private static bool IsDeleteDirective(JsonObject map) =>
        map.TryGetPropertyValue(PatchDirective, out var d) && d is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>() == "delete";

    private static string DirectiveValue(JsonNode? directive, string path) =>
        directive is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : throw PatchException.BadRequest($"strategic merge patch: $patch at {Display(path)} must be a string");

    private static JsonObject Without(JsonObject map, string key)
    {
        var copy = new JsonObject();
        foreach (var (k, v) in map)
        {
            if (k != key)
            {
                copy[k] = v?.DeepClone();
            }
        }

        return copy;
    }

    private static string Display(string path) => path.Length == 0 ? "the root" : path.TrimStart('.');
}
