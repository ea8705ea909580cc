using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SealedSecrets.Api;
using SealedSecrets.Api.Serialization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SealedSecrets.Controller.Http;

/// <summary>
/// Reads the one SealedSecret posted to <c>/v1/verify</c> or <c>/v1/rotate</c>, as JSON or YAML.
/// Multi-document YAML is rejected, as upstream does (#114).
/// </summary>
internal static class SealedSecretDocument
{
    /// <exception cref="FormatException">The body is not one SealedSecret; the message says why.</exception>
    public static SealedSecret Parse(byte[] body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var text = Encoding.UTF8.GetString(body).TrimStart('\uFEFF');
        JsonNode? node;
        try
        {
            node = text.TrimStart().StartsWith('{') ? JsonNode.Parse(text) : FromYaml(text);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"the body is not valid JSON (line {ex.LineNumber}, byte {ex.BytePositionInLine})", ex);
        }
        catch (YamlException ex)
        {
            throw new FormatException($"the body is not valid YAML (line {ex.Start.Line})", ex);
        }
        if (node is not JsonObject obj)
        {
            throw new FormatException("the body must be one SealedSecret object");
        }
        if (obj["kind"]?.GetValue<string>() is { } kind && kind != SealedSecretResource.Kind)
        {
            throw new FormatException($"the body is a {kind}, not a SealedSecret");
        }
        try
        {
            return obj.Deserialize(SealedSecretsJsonContext.Default.SealedSecret) ?? throw new FormatException("the body is empty");
        }
        catch (JsonException ex)
        {
            throw new FormatException($"the body is not a valid SealedSecret (at {ex.Path})", ex);
        }
    }

    private static JsonNode? FromYaml(string text)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        var documents = stream.Documents.Where(d => d.RootNode is not YamlScalarNode { Value: null or "" }).ToList();
        return documents.Count switch
        {
            0 => throw new FormatException("the body is empty"),
            1 => Convert(documents[0].RootNode),
            _ => throw new FormatException("multi-document YAML is not supported: post one SealedSecret at a time"),
        };
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value ?? string.Empty, Convert(c.Value)))),
        YamlSequenceNode seq => new JsonArray([.. seq.Children.Select(Convert)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonValue? Scalar(YamlScalarNode scalar)
    {
        var value = scalar.Value;
        if (scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded)
        {
            return JsonValue.Create(value);
        }
        return value switch
        {
            null or "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) => JsonValue.Create(n),
            _ => JsonValue.Create(value),
        };
    }
}
