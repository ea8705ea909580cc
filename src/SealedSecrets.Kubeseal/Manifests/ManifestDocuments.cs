using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SealedSecrets.Kubeseal.Manifests;

/// <summary>
/// Splits kubeseal input into objects: a stream of concatenated JSON objects when the text starts
/// with <c>{</c> (after whitespace), else multi-document YAML — the choice upstream's YAML-or-JSON
/// decoder makes from its sniff buffer.
/// </summary>
internal static class ManifestDocuments
{
    public static List<JsonObject> Parse(byte[] input, string what)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(input);
        }
        catch (DecoderFallbackException)
        {
            throw new KubesealException($"{what} is not valid UTF-8");
        }
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }
        var nodes = text.TrimStart().StartsWith('{') ? ParseJsonStream(input, what) : YamlDocuments.Parse(text);
        var objects = new List<JsonObject>();
        foreach (var node in nodes)
        {
            objects.Add(node as JsonObject ?? throw new KubesealException($"{what} holds a document that is not an object"));
        }
        return objects;
    }

    private static List<JsonNode?> ParseJsonStream(byte[] input, string what)
    {
        var nodes = new List<JsonNode?>();
        var reader = new Utf8JsonReader(input, new JsonReaderOptions { AllowMultipleValues = true, MaxDepth = 64, CommentHandling = JsonCommentHandling.Skip });
        try
        {
            while (reader.Read())
            {
                using var document = JsonDocument.ParseValue(ref reader);
                nodes.Add(ToNode(document.RootElement));
            }
        }
        catch (JsonException ex)
        {
            throw new KubesealException($"{what} is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine})");
        }
        return nodes;
    }

    // JsonDocument keeps duplicate keys; like Go's encoding/json the last one wins (JsonNode.Parse
    // would throw later, on first access).
    private static JsonNode? ToNode(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var obj = new JsonObject();
                foreach (var property in element.EnumerateObject())
                {
                    obj[property.Name] = ToNode(property.Value);
                }
                return obj;
            case JsonValueKind.Array:
                var array = new JsonArray();
                foreach (var item in element.EnumerateArray())
                {
                    array.Add(ToNode(item));
                }
                return array;
            case JsonValueKind.Null:
                return null;
            default:
                return JsonValue.Create(element.Clone());
        }
    }
}
