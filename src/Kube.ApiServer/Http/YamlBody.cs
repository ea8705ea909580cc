using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kube.ApiServer.Http;

/// <summary>
/// Bodies sent as YAML (<c>application/yaml</c>, <c>application/apply-patch+yaml</c>). JSON is valid
/// YAML and is what kubectl and the C# client actually send, so JSON is tried first; plain YAML
/// scalars follow YAML 1.2 core-schema typing (as sigs.k8s.io/yaml does via JSON conversion).
/// </summary>
internal static class YamlBody
{
    public static JsonObject ParseObject(byte[] bytes)
    {
        try
        {
            if (JsonNode.Parse(bytes) is JsonObject o)
            {
                return o;
            }
        }
        catch (System.Text.Json.JsonException)
        {
            // Not JSON: fall through to YAML.
        }

        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(Encoding.UTF8.GetString(bytes)));
            if (stream.Documents.Count == 1 && Convert(stream.Documents[0].RootNode) is JsonObject obj)
            {
                return obj;
            }
        }
        catch (YamlException e)
        {
            throw ApiException.BadRequest($"error decoding YAML: {e.Message}");
        }

        throw ApiException.BadRequest("error decoding YAML: expected a single object document");
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode m => new JsonObject(m.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value ?? string.Empty, Convert(kv.Value)))),
        YamlSequenceNode s => new JsonArray([.. s.Children.Select(Convert)]),
        YamlScalarNode sc => Scalar(sc),
        _ => null,
    };

    private static JsonValue? Scalar(YamlScalarNode sc)
    {
        var v = sc.Value ?? string.Empty;
        if (sc.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(v);
        }

        switch (v)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return JsonValue.Create(l);
        }

        if (double.TryParse(v, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && v.Any(char.IsDigit))
        {
            return JsonValue.Create(d);
        }

        return JsonValue.Create(v);
    }
}
