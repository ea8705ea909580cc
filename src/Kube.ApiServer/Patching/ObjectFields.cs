using System.Text.Json.Nodes;

namespace Kube.ApiServer.Patching;

/// <summary>
/// Field-level views of objects for server-side apply and managedFields, after
/// structured-merge-diff: the set of fields a configuration sets, the fields a write changed, value
/// lookup by field path, removal, and the apply merge. Paths carry both FieldsV1 elements and the
/// schema path (<c>.spec.containers[].ports</c>) used to look up list types.
/// </summary>
internal static class ObjectFields
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

    /// <summary>
    /// What a write changed between <paramref name="before"/> and <paramref name="after"/>:
    /// <c>Changed</c> holds added and modified fields (every node of an added subtree is a member,
    /// which is where FieldsV1's "." comes from), <c>Removed</c> the fields that disappeared.
    /// </summary>
    public static (FieldSet Changed, FieldSet Removed) Compare(JsonObject before, JsonObject after, SchemaView schema)
    {
        var comparer = new Comparer(schema);
        comparer.Walk(before, after, [], string.Empty);
        comparer.Changed.ExceptWithDescendants(IgnoredFields);
        comparer.Removed.ExceptWithDescendants(IgnoredFields);
        return (comparer.Changed, comparer.Removed);
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
    public static bool TryResolve(JsonNode? root, IReadOnlyList<string> path, out JsonNode? value)
    {
        value = root;
        foreach (var element in path)
        {
            if (!TryStep(value, element, out value, out _))
            {
                value = null;
                return false;
            }
        }

        return true;
    }

    /// <summary>Removes the value at a FieldsV1 path, then prunes objects and lists it left empty.</summary>
    public static void Remove(JsonObject root, IReadOnlyList<string> path)
    {
        var chain = new List<(JsonNode Container, string Element)>();
        JsonNode? node = root;
        foreach (var element in path)
        {
            if (node is null || !TryStep(node, element, out var next, out _))
            {
                return;
            }

            chain.Add((node, element));
            node = next;
        }

        for (var i = chain.Count - 1; i >= 0; i--)
        {
            var (container, element) = chain[i];
            RemoveChild(container, element);
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
            if (type.Kind == ListTypeKind.Set)
            {
                var result = liveList.DeepClone().AsArray();
                foreach (var item in appliedList.Where(item => !liveList.Any(l => JsonValues.DeepEquals(l, item))))
                {
                    result.Add(item?.DeepClone());
                }

                return result;
            }

            if (type.Kind == ListTypeKind.Map && appliedList.All(i => i is JsonObject) && liveList.All(i => i is JsonObject))
            {
                var result = liveList.DeepClone().AsArray();
                foreach (var item in appliedList.Cast<JsonObject>())
                {
                    var key = PathElement.Key(item, type.Keys);
                    var at = result.Select((l, i) => (l, i)).FirstOrDefault(p => PathElement.Key((JsonObject)p.l!, type.Keys) == key, (null, -1)).i;
                    if (at < 0)
                    {
                        result.Add(item.DeepClone());
                    }
                    else
                    {
                        result[at] = Merge(result[at]!.DeepClone(), item, schemaPath + "[]", schema);
                    }
                }

                return result;
            }
        }

        return applied?.DeepClone();
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
                    path.Add(type.Kind == ListTypeKind.Set ? PathElement.Value(item) : PathElement.Key((JsonObject)item!, type.Keys));
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

    private static bool TryStep(JsonNode? node, string element, out JsonNode? next, out int index)
    {
        next = null;
        index = -1;
        switch (element[0])
        {
            case 'f' when node is JsonObject obj:
                return obj.TryGetPropertyValue(element[2..], out next);
            case 'k' when node is JsonArray list:
                index = list.Select((item, i) => (item, i)).FirstOrDefault(p => PathElement.MatchesKey(p.item, element), (null, -1)).i;
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

    private static void RemoveChild(JsonNode container, string element)
    {
        if (container is JsonObject obj && element.StartsWith("f:", StringComparison.Ordinal))
        {
            obj.Remove(element[2..]);
        }
        else if (TryStep(container, element, out _, out var index) && index >= 0)
        {
            ((JsonArray)container).RemoveAt(index);
        }
    }

    /// <summary>Walks two versions of an object collecting changed and removed field paths.</summary>
    private sealed class Comparer(SchemaView schema)
    {
        public FieldSet Changed { get; } = new();

        public FieldSet Removed { get; } = new();

        public void Walk(JsonNode? before, JsonNode? after, List<string> path, string schemaPath)
        {
            if (after is JsonObject afterObject && (before is JsonObject || JsonValues.IsNull(before)) && !schema.IsAtomicObject(schemaPath))
            {
                // Go's zero values make a null object count as present but empty.
                var beforeObject = before as JsonObject ?? [];
                foreach (var (key, value) in afterObject)
                {
                    path.Add(PathElement.Field(key));
                    if (beforeObject.TryGetPropertyValue(key, out var old))
                    {
                        Walk(old, value, path, schemaPath + "." + key);
                    }
                    else
                    {
                        AddSubtree(value, path, schemaPath + "." + key);
                    }

                    path.RemoveAt(path.Count - 1);
                }

                foreach (var (key, _) in beforeObject.Where(p => !afterObject.ContainsKey(p.Key)))
                {
                    path.Add(PathElement.Field(key));
                    Removed.Insert(path);
                    path.RemoveAt(path.Count - 1);
                }

                return;
            }

            var type = schema.ListAt(schemaPath);
            if (after is JsonArray afterList && (before is JsonArray || JsonValues.IsNull(before)) && type.Kind != ListTypeKind.Atomic && Granular(afterList, type))
            {
                var beforeList = before as JsonArray ?? [];
                if (Granular(beforeList, type))
                {
                    WalkList(beforeList, afterList, type, path, schemaPath);
                    return;
                }
            }

            if (!JsonValues.DeepEquals(before, after))
            {
                Changed.Insert(path);
            }
        }

        private void WalkList(JsonArray before, JsonArray after, ListType type, List<string> path, string schemaPath)
        {
            string ElementOf(JsonNode? item) => type.Kind == ListTypeKind.Set ? PathElement.Value(item) : PathElement.Key((JsonObject)item!, type.Keys);

            var old = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
            foreach (var item in before)
            {
                old.TryAdd(ElementOf(item), item); // duplicates are invalid anyway; the first one wins.
            }

            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in after)
            {
                var element = ElementOf(item);
                seen.Add(element);
                path.Add(element);
                if (!old.TryGetValue(element, out var previous))
                {
                    AddSubtree(item, path, schemaPath + "[]");
                }
                else if (type.Kind == ListTypeKind.Map)
                {
                    if (schema.IsAtomicObject(schemaPath + "[]"))
                    {
                        if (!JsonValues.DeepEquals(previous, item))
                        {
                            Changed.Insert(path);
                        }
                    }
                    else
                    {
                        Walk(previous, item, path, schemaPath + "[]");
                    }
                }

                path.RemoveAt(path.Count - 1);
            }

            foreach (var element in old.Keys.Where(e => !seen.Contains(e)))
            {
                path.Add(element);
                Removed.Insert(path);
                path.RemoveAt(path.Count - 1);
            }
        }

        private void AddSubtree(JsonNode? value, List<string> path, string schemaPath)
        {
            Changed.Insert(path);
            switch (value)
            {
                case JsonObject obj when !schema.IsAtomicObject(schemaPath):
                    foreach (var (key, child) in obj)
                    {
                        path.Add(PathElement.Field(key));
                        AddSubtree(child, path, schemaPath + "." + key);
                        path.RemoveAt(path.Count - 1);
                    }

                    break;
                case JsonArray list:
                    var type = schema.ListAt(schemaPath);
                    if (type.Kind == ListTypeKind.Atomic || !Granular(list, type))
                    {
                        break;
                    }

                    foreach (var item in list)
                    {
                        path.Add(type.Kind == ListTypeKind.Set ? PathElement.Value(item) : PathElement.Key((JsonObject)item!, type.Keys));
                        if (type.Kind == ListTypeKind.Set)
                        {
                            Changed.Insert(path);
                        }
                        else
                        {
                            AddSubtree(item, path, schemaPath + "[]");
                        }

                        path.RemoveAt(path.Count - 1);
                    }

                    break;
                default:
                    break;
            }
        }

        private static bool Granular(JsonArray list, ListType type) => type.Kind == ListTypeKind.Set || list.All(i => i is JsonObject);
    }
}
