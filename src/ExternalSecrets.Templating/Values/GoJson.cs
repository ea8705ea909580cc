using System.Text.Json;

namespace ExternalSecrets.Templating.Values;

/// <summary>
/// Go's <c>json.Unmarshal</c> into <c>interface{}</c>: objects become <c>map[string]interface {}</c>,
/// arrays <c>[]interface {}</c>, every number <c>float64</c> (so 1234567 prints as <c>1.234567e+06</c>,
/// as it does in ESO), duplicate keys keep the last value. sprig's <c>fromJson</c> has these semantics.
/// </summary>
public static class GoJson
{
    /// <exception cref="JsonException">The bytes are not valid JSON (or nest deeper than 64).</exception>
    public static object? Decode(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = 64 });
        using var doc = JsonDocument.ParseValue(ref reader);
        return Convert(doc.RootElement);
    }

    /// <summary>Like <see cref="Decode"/>, but a top-level object whose values are all strings becomes ESO's <c>map[string]string</c>.</summary>
    public static object? DecodeTemplateData(ReadOnlySpan<byte> utf8Json)
    {
        var value = Decode(utf8Json);
        if (value is GoMap map && map.All(kv => kv.Value is GoString))
        {
            var strings = new GoMap(GoType.MapOfStringToString, map.Count);
            foreach (var (k, v) in map)
            {
                strings[k] = v;
            }

            return strings;
        }

        return value;
    }

    private static object? Convert(JsonElement e)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                {
                    var map = new GoMap();
                    foreach (var p in e.EnumerateObject())
                    {
                        map[GoString.FromUtf8(p.Name)] = Convert(p.Value);
                    }

                    return map;
                }

            case JsonValueKind.Array:
                {
                    var list = new GoList(GoType.SliceOfAny, e.GetArrayLength());
                    foreach (var item in e.EnumerateArray())
                    {
                        list.Add(Convert(item));
                    }

                    return list;
                }

            case JsonValueKind.String:
                return GoString.FromUtf8(e.GetString()!);
            case JsonValueKind.Number:
                return e.GetDouble();
            case JsonValueKind.True:
                return GoValues.Box(true);
            case JsonValueKind.False:
                return GoValues.Box(false);
            default:
                return null;
        }
    }
}
