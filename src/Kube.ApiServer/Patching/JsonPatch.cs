using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kube.ApiServer.Patching;

/// <summary>
/// RFC 6902 JSON Patch (<c>application/json-patch+json</c>). Operations run in order on a copy of
/// the target; the target itself is never modified. A patch that is not a well-formed operation
/// list is a 400 BadRequest; a well-formed operation that cannot be applied (a failing
/// <c>test</c>, a missing path, an index out of range) is a 422 Invalid, as kube-apiserver answers
/// (reference §8.2). Error messages name the operation and path, never document values.
/// </summary>
public static class JsonPatch
{
    public static JsonNode Apply(JsonNode target, JsonNode patch)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (patch is not JsonArray operations)
        {
            throw PatchException.BadRequest("json patch: the patch must be a JSON array of operations");
        }

        var document = new Document(target.DeepClone());
        for (var i = 0; i < operations.Count; i++)
        {
            ApplyOperation(document, operations[i], i);
        }

        return document.Root ?? throw PatchException.Unprocessable("json patch: the patched document is null");
    }

    private static void ApplyOperation(Document doc, JsonNode? operation, int index)
    {
        if (operation is not JsonObject op)
        {
            throw PatchException.BadRequest($"json patch: operation {index} is not a JSON object");
        }

        var name = RequiredString(op, "op", index);
        var path = JsonPointer.Parse(RequiredString(op, "path", index), "path");
        var where = $"json patch operation {index} ({name})";
        switch (name)
        {
            case "add":
                doc.Add(path, RequiredValue(op, index)?.DeepClone(), where);
                break;
            case "remove":
                doc.Remove(path, where);
                break;
            case "replace":
                var replacement = RequiredValue(op, index)?.DeepClone();
                doc.Remove(path, where);
                doc.Add(path, replacement, where);
                break;
            case "move":
                var from = JsonPointer.Parse(RequiredString(op, "from", index), "from");
                if (from.Count < path.Count && path.Take(from.Count).SequenceEqual(from, StringComparer.Ordinal))
                {
                    // RFC 6902 §4.4: a location cannot be moved into one of its children.
                    throw PatchException.Unprocessable($"{where}: cannot move {Pointer(from)} into its own child {Pointer(path)}");
                }

                var moved = doc.Remove(from, where);
                doc.Add(path, moved, where);
                break;
            case "copy":
                var source = JsonPointer.Parse(RequiredString(op, "from", index), "from");
                doc.Add(path, doc.Get(source, where)?.DeepClone(), where);
                break;
            case "test":
                var expected = RequiredValue(op, index);
                if (!JsonValues.DeepEquals(doc.Get(path, where), expected))
                {
                    throw PatchException.Unprocessable($"{where}: the value at {Pointer(path)} does not match the test value");
                }

                break;
            default:
                throw PatchException.BadRequest($"json patch: operation {index} has unknown op \"{name}\"");
        }
    }

    private static string RequiredString(JsonObject op, string member, int index)
    {
        if (op.TryGetPropertyValue(member, out var node) && node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            return v.GetValue<string>();
        }

        throw PatchException.BadRequest($"json patch: operation {index} needs a string \"{member}\"");
    }

    private static JsonNode? RequiredValue(JsonObject op, int index)
    {
        if (!op.TryGetPropertyValue("value", out var value))
        {
            throw PatchException.BadRequest($"json patch: operation {index} needs a \"value\"");
        }

        return value;
    }

    private static string Pointer(IReadOnlyList<string> tokens) =>
        tokens.Count == 0 ? "\"\"" : string.Concat(tokens.Select(t => "/" + JsonPointer.Escape(t)));

    /// <summary>A mutable document whose root may itself be replaced by an operation on "".</summary>
    private sealed class Document(JsonNode? root)
    {
        public JsonNode? Root { get; private set; } = root;

        public JsonNode? Get(IReadOnlyList<string> path, string where)
        {
            var node = Root;
            for (var i = 0; i < path.Count; i++)
            {
                node = Child(node, path[i], path, where);
            }

            return node;
        }

        public void Add(IReadOnlyList<string> path, JsonNode? value, string where)
        {
            if (path.Count == 0)
            {
                Root = value;
                return;
            }

            var parent = Parent(path, where);
            var last = path[^1];
            switch (parent)
            {
                case JsonObject obj:
                    obj[last] = value;
                    break;
                case JsonArray array:
                    // "-" appends (RFC 6902 §4.1); otherwise the index may equal the length.
                    var at = last == "-" ? array.Count : Index(last, array.Count, path, where);
                    array.Insert(at, value);
                    break;
                default:
                    throw Missing(path, where);
            }
        }

        public JsonNode? Remove(IReadOnlyList<string> path, string where)
        {
            if (path.Count == 0)
            {
                var old = Root;
                Root = null;
                return old;
            }

            var parent = Parent(path, where);
            var last = path[^1];
            switch (parent)
            {
                case JsonObject obj when obj.TryGetPropertyValue(last, out var value):
                    obj.Remove(last);
                    return value;
                case JsonArray array:
                    var at = Index(last, array.Count - 1, path, where);
                    var item = array[at];
                    array.RemoveAt(at);
                    return item;
                default:
                    throw Missing(path, where);
            }
        }

        private JsonNode? Parent(IReadOnlyList<string> path, string where)
        {
            var node = Root;
            for (var i = 0; i < path.Count - 1; i++)
            {
                node = Child(node, path[i], path, where);
            }

            return node;
        }

        private static JsonNode? Child(JsonNode? node, string token, IReadOnlyList<string> path, string where) => node switch
        {
            JsonObject obj when obj.TryGetPropertyValue(token, out var value) => value,
            JsonArray array => array[Index(token, array.Count - 1, path, where)],
            _ => throw Missing(path, where),
        };

        private static int Index(string token, int max, IReadOnlyList<string> path, string where)
        {
            // RFC 6901 §4: decimal digits without leading zeros.
            var wellFormed = token.Length > 0 && token.All(char.IsAsciiDigit) && (token.Length == 1 || token[0] != '0');
            if (!wellFormed || !int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                throw PatchException.Unprocessable($"{where}: \"{token}\" in {Pointer(path)} is not an array index");
            }

            if (index > max)
            {
                throw PatchException.Unprocessable($"{where}: index {index} in {Pointer(path)} is out of range");
            }

            return index;
        }

        private static PatchException Missing(IReadOnlyList<string> path, string where) =>
            PatchException.Unprocessable($"{where}: path {Pointer(path)} does not exist");
    }
}
