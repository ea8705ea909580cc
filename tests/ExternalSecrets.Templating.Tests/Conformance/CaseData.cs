using System.Text.Json;
using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating.Tests.Conformance;

/// <summary>Turns a case's JSON data into template values exactly as the Go generator does.</summary>
internal static class CaseData
{
    public static object? ToValue(JsonElement? data, string kind)
    {
        if (data is null || data.Value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return kind switch
        {
            "strings" => Strings(data.Value),
            "json" => Convert(data.Value, jsonNumbers: true),
            _ => Convert(data.Value, jsonNumbers: false),
        };
    }

    private static GoMap Strings(JsonElement e)
    {
        var map = new GoMap(GoType.MapOfStringToString);
        foreach (var p in e.EnumerateObject())
        {
            var s = p.Value.GetString()!;
            map[GoString.FromUtf8(p.Name)] = s.StartsWith("b64:", StringComparison.Ordinal)
                ? GoString.Wrap(System.Convert.FromBase64String(s[4..]))
                : GoString.FromUtf8(s);
        }

        return map;
    }

    /// <summary>JSON → Go: objects map[string]interface{}, arrays []interface{}; numbers float64 (Go's encoding/json) or int when integral ("typed").</summary>
    public static object? Convert(JsonElement e, bool jsonNumbers)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                {
                    var map = new GoMap();
                    foreach (var p in e.EnumerateObject())
                    {
                        map[GoString.FromUtf8(p.Name)] = Convert(p.Value, jsonNumbers);
                    }

                    return map;
                }

            case JsonValueKind.Array:
                {
                    var list = new GoList();
                    foreach (var item in e.EnumerateArray())
                    {
                        list.Add(Convert(item, jsonNumbers));
                    }

                    return list;
                }

            case JsonValueKind.String:
                return GoString.FromUtf8(e.GetString()!);
            case JsonValueKind.Number:
                {
                    var raw = e.GetRawText();
                    if (!jsonNumbers && raw.IndexOfAny(['.', 'e', 'E']) < 0 && e.TryGetInt64(out var l))
                    {
                        return l;
                    }

                    return e.GetDouble();
                }

            case JsonValueKind.True:
                return true;
            case JsonValueKind.False:
                return false;
            default:
                return null;
        }
    }
}
