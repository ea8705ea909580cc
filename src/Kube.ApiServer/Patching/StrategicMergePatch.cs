using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kube.ApiServer.Patching;

/// <summary>
/// Strategic merge patch (<c>application/strategic-merge-patch+json</c>) for built-in kinds, as
/// apimachinery's <c>strategicpatch</c> package defines it: JSON merge patch, except that lists with
/// a patch merge key merge item by item, primitive lists tagged <c>patchStrategy:"merge"</c> merge as
/// sets, and these directives are honoured:
/// <list type="bullet">
/// <item><c>"$patch": "replace" | "delete"</c> in a map or as a list element (upstream rejects
/// <c>merge</c> and any other value; so do we, with 400);</item>
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

    /// <summary>
    /// Merges <paramref name="patch"/> into <paramref name="original"/> (a private copy) and returns
    /// it, in apimachinery's order: map directive, <c>$retainKeys</c>, lists named by
    /// <c>$setElementOrder</c> (merged and ordered together), then every other key.
    /// </summary>
    private static JsonObject MergeMap(JsonObject original, JsonObject patch, string path, KindSchema schema)
    {
        if (patch.TryGetPropertyValue(PatchDirective, out var directive))
        {
            return DirectiveValue(directive, path) switch
            {
                // The map becomes the patch content (merged onto nothing, so nested directives vanish).
                "replace" => MergeMap([], Without(patch, PatchDirective), path, schema),
                // Upstream answers an empty map, not an absent key.
                "delete" => [],
                _ => throw PatchException.BadRequest($"strategic merge patch: unknown patch type in the map at {Display(path)} (only replace and delete are allowed)"),
            };
        }

        if (patch.TryGetPropertyValue(RetainKeys, out var retain))
        {
            ApplyRetainKeys(original, patch, retain, path);
        }

        var ordered = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, order) in patch.Where(p => p.Key.StartsWith(SetElementOrder, StringComparison.Ordinal)).ToList())
        {
            var field = key[SetElementOrder.Length..];
            if (order is not JsonArray wanted)
            {
                throw PatchException.BadRequest($"strategic merge patch: {key} at {Display(path)} must be a list");
            }

            var before = original[field] as JsonArray;
            var merged = patch[field] is JsonArray patchList ? MergeList(before, patchList, path + "." + field, schema) : before;
            if (merged is not null)
            {
                original[field] = Normalize(merged, wanted, before ?? [], schema.ListAt(path + "." + field).MergeKey);
            }

            ordered.Add(field);
        }

        foreach (var (key, value) in patch)
        {
            if (key is PatchDirective or RetainKeys || key.StartsWith(SetElementOrder, StringComparison.Ordinal) || ordered.Contains(key))
            {
                continue;
            }

            if (key.StartsWith(DeleteFromPrimitiveList, StringComparison.Ordinal))
            {
                DeleteFromList(original, key[DeleteFromPrimitiveList.Length..], value, path);
                continue;
            }

            if (JsonValues.IsNull(value))
            {
                original.Remove(key);
                continue;
            }

            original.TryGetPropertyValue(key, out var existing);
            var childPath = path + "." + key;
            JsonNode merged = value switch
            {
                JsonObject patchMap => MergeMap(existing as JsonObject ?? [], patchMap, childPath, schema),
                JsonArray patchList => MergeList(existing as JsonArray, patchList, childPath, schema),
                _ => value!.DeepClone(),
            };

            if (!ReferenceEquals(merged, existing))
            {
                original[key] = merged;
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

            return Normalize(result, patch, original ?? [], mergeKey: null);
        }

        // Atomic lists are replaced; nested maps are copied through a merge so directives vanish.
        return new JsonArray(patch.Select(item => item is JsonObject map ? MergeMap([], map, path + "[]", schema) : item?.DeepClone()).ToArray());
    }

    private static JsonArray MergeKeyedList(JsonArray? original, JsonArray patch, string path, string mergeKey, KindSchema schema)
    {
        var result = original?.DeepClone().AsArray() ?? [];
        var itemPath = path + "[]";
        var items = new List<JsonObject>();
        foreach (var item in patch)
        {
            if (item is not JsonObject patchItem)
            {
                throw PatchException.BadRequest($"strategic merge patch: {Display(path)} merges by key \"{mergeKey}\" but has an element that is not an object");
            }

            if (!patchItem.TryGetPropertyValue(PatchDirective, out var directive))
            {
                items.Add(patchItem);
                continue;
            }

            // Directive elements act first, as in apimachinery's mergeSliceWithSpecialElements.
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

                    break;
                default:
                    // Upstream: "merging lists cannot yet be specified in the patch", and unknown types.
                    throw PatchException.BadRequest($"strategic merge patch: unsupported $patch directive in the list {Display(path)}");
            }
        }

        foreach (var patchItem in items)
        {
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

        return Normalize(result, patch, original ?? [], mergeKey);
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
    /// Orders a merged list as apimachinery's <c>normalizeElementOrder</c> does: items the patch (or
    /// its <c>$setElementOrder</c>) names come in that order; server-only items keep their original
    /// order and are interleaved by their position in the list before the patch — an item the
    /// server did not have goes before a server-only item.
    /// </summary>
    private static JsonArray Normalize(JsonArray merged, JsonArray patchOrder, JsonArray serverOrder, string? mergeKey)
    {
        JsonNode? KeyOf(JsonNode? item) => mergeKey is null ? item : (item as JsonObject)?[mergeKey];

        static int IndexIn(JsonArray list, JsonNode? key, Func<JsonNode?, JsonNode?> keyOf)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i] is not JsonObject { } directive || !directive.ContainsKey(PatchDirective))
                {
                    if (JsonValues.DeepEquals(keyOf(list[i]), key))
                    {
                        return i;
                    }
                }
            }

            return -1;
        }

        var items = merged.Select(i => i?.DeepClone()).ToList();
        var patchItems = items.Where(i => IndexIn(patchOrder, KeyOf(i), KeyOf) >= 0).OrderBy(i => IndexIn(patchOrder, KeyOf(i), KeyOf)).ToList();
        var serverOnly = items.Where(i => IndexIn(patchOrder, KeyOf(i), KeyOf) < 0).OrderBy(i => IndexIn(serverOrder, KeyOf(i), KeyOf)).ToList();

        var result = new JsonArray();
        int left = 0, right = 0;
        while (left < serverOnly.Count || right < patchItems.Count)
        {
            if (right >= patchItems.Count)
            {
                result.Add(serverOnly[left++]);
                continue;
            }

            if (left >= serverOnly.Count)
            {
                result.Add(patchItems[right++]);
                continue;
            }

            var l = IndexIn(serverOrder, KeyOf(serverOnly[left]), KeyOf);
            var r = IndexIn(serverOrder, KeyOf(patchItems[right]), KeyOf);
            result.Add(l >= 0 && r >= 0 && l < r ? serverOnly[left++] : patchItems[right++]);
        }

        return result;
    }

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
