using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kube.ApiServer.Patching;

/// <summary>JSON value helpers shared by the patch engines: semantic equality and safe cloning.</summary>
internal static class JsonValues
{
    /// <summary>
    /// Deep equality as RFC 6902 §4.6 defines it: numbers compare by value (1 equals 1.0),
    /// object member order does not matter, array order does.
    /// </summary>
    public static bool DeepEquals(JsonNode? a, JsonNode? b)
    {
        if (a is null || b is null)
        {
            return IsNull(a) && IsNull(b);
        }

        switch (a)
        {
            case JsonObject oa when b is JsonObject ob:
                if (oa.Count != ob.Count)
                {
                    return false;
                }

                foreach (var (key, value) in oa)
                {
                    if (!ob.TryGetPropertyValue(key, out var other) || !DeepEquals(value, other))
                    {
                        return false;
                    }
                }

                return true;
            case JsonArray aa when b is JsonArray ab:
                if (aa.Count != ab.Count)
                {
                    return false;
                }

                for (var i = 0; i < aa.Count; i++)
                {
                    if (!DeepEquals(aa[i], ab[i]))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValue va when b is JsonValue vb:
                return ScalarEquals(va, vb);
            default:
                return false;
        }
    }

    /// <summary>Safe navigation through objects only: null when any step is missing or not an object.</summary>
    public static JsonNode? At(JsonNode? node, params string[] names)
    {
        foreach (var name in names)
        {
            node = node is JsonObject obj && obj.TryGetPropertyValue(name, out var next) ? next : null;
        }

        return node;
    }

    /// <summary>The string a node holds, or null when it is absent or not a string.</summary>
    public static string? Text(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static bool IsNull(JsonNode? node) =>
        node is null || (node is JsonValue v && v.GetValueKind() == JsonValueKind.Null);

    // Go's encoders leave '+', '/' and non-ASCII alone; System.Text.Json's default would escape them.
    private static readonly JsonSerializerOptions GoLike = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The compact JSON text of a value, used for set members and map-list keys.</summary>
    public static string ToJson(JsonNode? node) => node is null ? "null" : node.ToJsonString(GoLike);

    /// <summary>Compact JSON with object keys sorted (ordinal), as Go's encoding/json writes maps.</summary>
    public static string ToSortedJson(JsonNode? node) => Sorted(node)?.ToJsonString(GoLike) ?? "null";

    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray list => new JsonArray(list.Select(Sorted).ToArray()),
        _ => node?.DeepClone(),
    };

    private static bool ScalarEquals(JsonValue a, JsonValue b)
    {
        var ka = a.GetValueKind();
        var kb = b.GetValueKind();
        if (ka != kb)
        {
            return false;
        }

        return ka switch
        {
            JsonValueKind.String => string.Equals(a.GetValue<string>(), b.GetValue<string>(), StringComparison.Ordinal),
            JsonValueKind.Number => NumberEquals(a, b),
            _ => true, // true/true, false/false, null/null: the kinds already say everything.
        };
    }

    private static bool NumberEquals(JsonValue a, JsonValue b)
    {
        var ta = a.ToJsonString();
        var tb = b.ToJsonString();
        if (string.Equals(ta, tb, StringComparison.Ordinal))
        {
            return true;
        }

        if (decimal.TryParse(ta, NumberStyles.Float, CultureInfo.InvariantCulture, out var da)
            && decimal.TryParse(tb, NumberStyles.Float, CultureInfo.InvariantCulture, out var db))
        {
            return da == db;
        }

        return double.Parse(ta, CultureInfo.InvariantCulture) == double.Parse(tb, CultureInfo.InvariantCulture);
    }
}
