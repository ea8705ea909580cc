using System.Text.Json.Nodes;

namespace Kube.ApiServer.Patching;

/// <summary>
/// Field-level views of objects for server-side apply and managedFields, after
/// structured-merge-diff: the set of fields a configuration sets, the fields a write changed, value
/// lookup by field path, removal, and the apply merge. Paths carry both FieldsV1 elements and the
/// schema path (<c>.spec.containers[].ports</c>) used to look up list types.
/// </summary>
internal static partial class ObjectFields
{
    private static readonly string[] IgnoredMetadata =
        ["name", "namespace", "uid", "resourceVersion", "generation", "creationTimestamp", "managedFields", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds"];

    /// <summary>
    /// The fields nobody owns (apiserver's stripmeta: apiVersion, kind and the server-maintained
    /// metadata); they are taken out of every field set so they never show in FieldsV1 or conflict.
    /// </summary>
    public static FieldSet IgnoredFields { get; } = BuildIgnored();

    /// <summary>
    /// A copy of <paramref name="obj"/> with the Go zero value's structs filled in, so comparing two
    /// versions never reports a non-pointer struct (metadata, spec, status...) as added.
    /// </summary>
    public static JsonObject WithZeroValues(JsonObject obj, JsonObject zero)
    {
        var copy = obj.DeepClone().AsObject();
        Fill(copy, zero);
        return copy;
    }

    /// <summary>Deep equality ignoring the fields nobody owns.</summary>
    public static bool SameContent(JsonObject a, JsonObject b)
    {
        static JsonObject Strip(JsonObject o)
        {
            var copy = o.DeepClone().AsObject();
            copy.Remove("apiVersion");
            copy.Remove("kind");
            if (copy["metadata"] is JsonObject metadata)
            {
                foreach (var name in IgnoredMetadata)
                {
                    metadata.Remove(name);
                }
            }

            return copy;
        }

        return JsonValues.DeepEquals(Strip(a), Strip(b));
    }

    /// <summary>The fields a configuration sets: leaves, list items, empty objects and atomic values.</summary>
    public static FieldSet FieldsOf(JsonObject obj, SchemaView schema)
    {
        var set = new FieldSet();
        VisitObject(obj, [], string.Empty, schema, set);
        set.ExceptWithDescendants(IgnoredFields);
        return set;
    }

    private static FieldSet BuildIgnored()
    {
        var set = new FieldSet();
        set.Insert([PathElement.Field("apiVersion")]);
        set.Insert([PathElement.Field("kind")]);
        foreach (var name in IgnoredMetadata)
        {
            set.Insert([PathElement.Field("metadata"), PathElement.Field(name)]);
        }

        return set;
    }

    private static void Fill(JsonObject target, JsonObject zero)
    {
        foreach (var (key, value) in zero)
        {
            if (!target.TryGetPropertyValue(key, out var existing))
            {
                target[key] = value?.DeepClone();
            }
            else if (existing is JsonObject nested && value is JsonObject zeroNested)
            {
                Fill(nested, zeroNested);
            }
        }
    }

    /// <summary>Finds the value at a FieldsV1 path.</summary>
    public static bool TryResolve(JsonNode? root, IReadOnlyList<string> path, SchemaView schema, out JsonNode? value)
    {
        value = root;
        var schemaPath = string.Empty;
        foreach (var element in path)
        {
            if (!TryStep(value, element, schemaPath, schema, out value, out _))
            {
                value = null;
                return false;
            }

            schemaPath = Descend(schemaPath, element);
        }

        return true;
    }

    /// <summary>Removes the value at a FieldsV1 path, then prunes objects and lists it left empty.</summary>
    public static void Remove(JsonObject root, IReadOnlyList<string> path, SchemaView schema)
    {
        var chain = new List<(JsonNode Container, string Element, string SchemaPath)>();
        JsonNode? node = root;
        var schemaPath = string.Empty;
        foreach (var element in path)
        {
            if (node is null || !TryStep(node, element, schemaPath, schema, out var next, out _))
            {
                return;
            }

            chain.Add((node, element, schemaPath));
            node = next;
            schemaPath = Descend(schemaPath, element);
        }

        for (var i = chain.Count - 1; i >= 0; i--)
        {
            var (container, element, containerPath) = chain[i];
            RemoveChild(container, element, containerPath, schema);
            var emptied = container is JsonObject { Count: 0 } || container is JsonArray { Count: 0 };
            if (!emptied || i == 0)
            {
                return;
            }
        }
    }

    /// <summary>The apply merge: objects merge, atomic values replace, set and map lists merge by item.</summary>
    public static JsonNode? Merge(JsonNode? live, JsonNode? applied, string schemaPath, SchemaView schema)
    {
        if (applied is JsonObject appliedObject && live is JsonObject liveObject && !schema.IsAtomicObject(schemaPath))
        {
            var result = liveObject.DeepClone().AsObject();
            foreach (var (key, value) in appliedObject)
            {
                result.TryGetPropertyValue(key, out var existing);
                result[key] = Merge(existing?.DeepClone(), value, schemaPath + "." + key, schema);
            }

            return result;
        }

        if (applied is JsonArray appliedList && live is JsonArray liveList)
        {
            var type = schema.ListAt(schemaPath);
            var granular = type.Kind == ListTypeKind.Set
                || (type.Kind == ListTypeKind.Map && appliedList.All(i => i is JsonObject) && liveList.All(i => i is JsonObject));
            if (granular)
            {
                return MergeListItems(liveList, appliedList, schemaPath, type, schema);
            }
        }

        return applied?.DeepClone();
    }

    /// <summary>
    /// Merges set or map lists item by item in structured-merge-diff's order: the applied order
    /// wins for items both sides have, live-only items stay where they were relative to them, and
    /// applied-only items come where the configuration puts them.
    /// </summary>
    private static JsonArray MergeListItems(JsonArray live, JsonArray applied, string schemaPath, ListType type, SchemaView schema)
    {
        var liveItems = IndexItems(live, schemaPath, type, schema);
        var appliedItems = IndexItems(applied, schemaPath, type, schema);
        var liveByElement = liveItems.ToDictionary(p => p.Element, p => p.Item, StringComparer.Ordinal);
        var appliedByElement = appliedItems.ToDictionary(p => p.Element, p => p.Item, StringComparer.Ordinal);
        var shared = new Queue<string>(appliedItems.Select(p => p.Element).Where(liveByElement.ContainsKey));
        var nextShared = shared.Count > 0 ? shared.Dequeue() : null;

        JsonNode? MergeItem(string element) =>
            Merge(liveByElement.GetValueOrDefault(element)?.DeepClone(), appliedByElement[element], schemaPath + "[]", schema);

        var result = new JsonArray();
        int l = 0, r = 0;
        while (l < liveItems.Count || r < appliedItems.Count)
        {
            var progressed = false;
            if (l < liveItems.Count && r < appliedItems.Count)
            {
                var element = liveItems[l].Element;
                if (element == appliedItems[r].Element)
                {
                    result.Add(MergeItem(element));
                    l++;
                    r++;
                    nextShared = shared.Count > 0 ? shared.Dequeue() : null;
                    continue;
                }

                if (appliedByElement.ContainsKey(element) && nextShared is not null && nextShared != element)
                {
                    l++; // a shared item the applied order places later
                    continue;
                }
            }

            if (l < liveItems.Count && !appliedByElement.ContainsKey(liveItems[l].Element))
            {
                result.Add(liveItems[l].Item?.DeepClone());
                l++;
                continue;
            }

            if (r < appliedItems.Count)
            {
                var element = appliedItems[r].Element;
                result.Add(MergeItem(element));
                r++;
                progressed = true;
                if (nextShared == element)
                {
                    nextShared = shared.Count > 0 ? shared.Dequeue() : null;
                }
            }

            if (!progressed)
            {
                l++; // only already-merged shared items remain on the live side
            }
        }

        return result;
    }

    private static List<(string Element, JsonNode? Item)> IndexItems(JsonArray list, string schemaPath, ListType type, SchemaView schema)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var items = new List<(string, JsonNode?)>();
        foreach (var item in list)
        {
            var element = schema.ElementOf(item, schemaPath, type);
            if (seen.Add(element))
            {
                items.Add((element, item));
            }
        }

        return items;
    }

    private static void VisitObject(JsonObject obj, List<string> path, string schemaPath, SchemaView schema, FieldSet set)
    {
        foreach (var (key, value) in obj)
        {
            path.Add(PathElement.Field(key));
            VisitValue(value, path, schemaPath + "." + key, schema, set);
            path.RemoveAt(path.Count - 1);
        }
    }

    private static void VisitValue(JsonNode? value, List<string> path, string schemaPath, SchemaView schema, FieldSet set)
    {
        switch (value)
        {
            case JsonObject obj when obj.Count > 0 && !schema.IsAtomicObject(schemaPath):
                VisitObject(obj, path, schemaPath, schema, set);
                break;
            case JsonArray list:
                var type = schema.ListAt(schemaPath);
                if (type.Kind == ListTypeKind.Atomic || (type.Kind == ListTypeKind.Map && !list.All(i => i is JsonObject)))
                {
                    set.Insert(path);
                    break;
                }

                foreach (var item in list)
                {
                    path.Add(schema.ElementOf(item, schemaPath, type));
                    set.Insert(path);
                    if (item is JsonObject itemObject && type.Kind == ListTypeKind.Map && !schema.IsAtomicObject(schemaPath + "[]"))
                    {
                        VisitObject(itemObject, path, schemaPath + "[]", schema, set);
                    }

                    path.RemoveAt(path.Count - 1);
                }

                break;
            default:
                set.Insert(path); // scalars, null, empty and atomic objects are leaves.
                break;
        }
    }

    private static string Descend(string schemaPath, string element) =>
        element.StartsWith("f:", StringComparison.Ordinal) ? schemaPath + "." + element[2..] : schemaPath + "[]";

    private static bool TryStep(JsonNode? node, string element, string schemaPath, SchemaView schema, out JsonNode? next, out int index)
    {
        next = null;
        index = -1;
        switch (element[0])
        {
            case 'f' when node is JsonObject obj:
                return obj.TryGetPropertyValue(element[2..], out next);
            case 'k' when node is JsonArray list:
                index = list.Select((item, i) => (item, i)).FirstOrDefault(p => schema.MatchesKey(p.item, element, schemaPath), (null, -1)).i;
                break;
            case 'v' when node is JsonArray list:
                index = list.Select((item, i) => (item, i)).FirstOrDefault(p => PathElement.MatchesValue(p.item, element), (null, -1)).i;
                break;
            case 'i' when node is JsonArray list && int.TryParse(element[2..], out var i) && i < list.Count:
                index = i;
                break;
            default:
                return false;
        }

        if (index < 0)
        {
            return false;
        }

        next = ((JsonArray)node!)[index];
        return true;
    }

    private static void RemoveChild(JsonNode container, string element, string schemaPath, SchemaView schema)
    {
        if (container is JsonObject obj && element.StartsWith("f:", StringComparison.Ordinal))
        {
            obj.Remove(element[2..]);
        }
        else if (TryStep(container, element, schemaPath, schema, out _, out var index) && index >= 0)
        {
            ((JsonArray)container).RemoveAt(index);
        }
    }
}
