using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kube.ApiServer.Http;

namespace Kube.ApiServer.Resources;

/// <summary>Small helpers over <see cref="JsonObject"/> for Kubernetes object envelopes.</summary>
internal static class JsonObjects
{
    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonObject Parse(ReadOnlySpan<byte> utf8, string what)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(utf8);
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"error decoding {what}: {e.Message}");
        }

        return node as JsonObject ?? throw ApiException.BadRequest($"error decoding {what}: expected a JSON object");
    }

    public static JsonObject ParseStored(byte[] utf8) => (JsonObject)JsonNode.Parse(utf8)!;

    public static byte[] ToBytes(JsonNode node) => JsonSerializer.SerializeToUtf8Bytes(node, Compact);

    public static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is JsonObject m)
        {
            return m;
        }

        m = [];
        obj["metadata"] = m;
        return m;
    }

    public static string? Str(JsonObject? obj, string key) =>
        obj?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static JsonObject? Obj(JsonObject? obj, string key) => obj?[key] as JsonObject;

    /// <summary>RFC 3339 with second precision, UTC — the Kubernetes <c>metav1.Time</c> wire form.</summary>
    public static string Timestamp(DateTimeOffset t) =>
        t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static List<string> StringList(JsonObject? obj, string key)
    {
        var list = new List<string>();
        if (obj?[key] is JsonArray a)
        {
            foreach (var n in a)
            {
                if (n is JsonValue v && v.TryGetValue<string>(out var s))
                {
                    list.Add(s);
                }
            }
        }

        return list;
    }

    /// <summary>A copy without the given top-level keys (to compare "everything but metadata/status").</summary>
    public static JsonObject Without(JsonObject obj, params string[] keys)
    {
        var copy = new JsonObject();
        foreach (var (k, v) in obj)
        {
            if (!keys.Contains(k))
            {
                copy[k] = v?.DeepClone();
            }
        }

        return copy;
    }
}
