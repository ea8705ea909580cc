using System.Text.Json.Nodes;

namespace Kube.ApiServer.Patching;

/// <summary>What a write changed, field by field (structured-merge-diff's Compare).</summary>
internal static partial class ObjectFields
{
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
            string ElementOf(JsonNode? item) => schema.ElementOf(item, schemaPath, type);

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
                        path.Add(schema.ElementOf(item, schemaPath, type));
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
