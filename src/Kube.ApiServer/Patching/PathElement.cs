using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kube.ApiServer.Patching;

/// <summary>
/// FieldsV1 path elements and their display form in conflict messages, following
/// structured-merge-diff: <c>f:data</c> ↔ <c>.data</c>, <c>k:{"name":"app"}</c> ↔ <c>[name="app"]</c>,
/// <c>v:"x"</c> ↔ <c>[="x"]</c>, <c>i:2</c> ↔ <c>[2]</c>.
/// </summary>
internal static class PathElement
{
    public static string Field(string name) => "f:" + name;

    public static string Value(JsonNode? value) => "v:" + JsonValues.ToJson(value);

    /// <summary>A map-list key: the key fields of the item, sorted by name, as compact JSON.</summary>
    public static string Key(JsonObject item, IReadOnlyList<string> keys, JsonObject? defaults = null)
    {
        var key = new JsonObject();
        foreach (var name in keys.Order(StringComparer.Ordinal))
        {
            if (item.TryGetPropertyValue(name, out var value) && value is not null)
            {
                key[name] = value.DeepClone();
            }
            else if (defaults?[name] is { } fallback)
            {
                key[name] = fallback.DeepClone();
            }
        }

        return "k:" + JsonValues.ToJson(key);
    }

    /// <summary>".data.password", ".spec.containers[name=\"app\"].image", ".metadata.finalizers[=\"x\"]".</summary>
    public static string Display(IReadOnlyList<string> path)
    {
        var text = new StringBuilder();
        foreach (var element in path)
        {
            var body = element.Length > 2 ? element[2..] : string.Empty;
            switch (element[0])
            {
                case 'f':
                    text.Append('.').Append(body);
                    break;
                case 'k':
                    var fields = JsonNode.Parse(body)!.AsObject().Select(p => $"{p.Key}={JsonValues.ToJson(p.Value)}");
                    text.Append('[').Append(string.Join(",", fields)).Append(']');
                    break;
                case 'v':
                    text.Append("[=").Append(body).Append(']');
                    break;
                default:
                    text.Append('[').Append(body).Append(']');
                    break;
            }
        }

        return text.ToString();
    }

    /// <summary>Does a list item match a k: element's key fields?</summary>
    public static bool MatchesKey(JsonNode? item, string element, JsonObject? defaults = null)
    {
        if (item is not JsonObject obj || !element.StartsWith("k:", StringComparison.Ordinal))
        {
            return false;
        }

        var key = JsonNode.Parse(element[2..])!.AsObject();
        return key.All(p => JsonValues.DeepEquals(obj.TryGetPropertyValue(p.Key, out var v) && v is not null ? v : defaults?[p.Key], p.Value));
    }

    public static bool MatchesValue(JsonNode? item, string element)
    {
        try
        {
            return element.StartsWith("v:", StringComparison.Ordinal) && JsonValues.DeepEquals(item, JsonNode.Parse(element[2..]));
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
