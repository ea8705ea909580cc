using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace SealedSecrets.Kubeseal.Manifests;

/// <summary>
/// Reads a (multi-document) YAML stream into JSON trees, resolving plain scalars close to
/// sigs.k8s.io/yaml: null, booleans, integers and floats become JSON values, everything quoted or
/// otherwise is a string. Anchors/aliases are refused and nesting is
/// limited, so a hostile manifest cannot blow up memory or the stack.
/// </summary>
internal static partial class YamlDocuments
{
    private const int MaxDepth = 64;

    public static List<JsonNode?> Parse(string text)
    {
        var documents = new List<JsonNode?>();
        var parser = new Parser(new StringReader(text));
        try
        {
            parser.Consume<StreamStart>();
            while (parser.TryConsume<DocumentStart>(out _))
            {
                var node = parser.Accept<DocumentEnd>(out _) ? null : ReadNode(parser, 0);
                parser.Consume<DocumentEnd>();
                if (node is not null)
                {
                    documents.Add(node);
                }
            }
            parser.Consume<StreamEnd>();
        }
        catch (YamlException ex)
        {
            throw new KubesealException($"invalid YAML at line {ex.Start.Line}, column {ex.Start.Column}: {FirstLine(ex.Message)}");
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner throws these on some malformed input (found by fuzzing).
            throw new KubesealException($"invalid YAML near line {parser.Current?.Start.Line}", ex);
        }
        return documents;
    }

    private static JsonNode? ReadNode(IParser parser, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new KubesealException($"YAML nesting deeper than {MaxDepth} levels");
        }
        if (parser.TryConsume<AnchorAlias>(out _))
        {
            throw new KubesealException("YAML aliases (*name) are not supported in manifests");
        }
        if (parser.TryConsume<Scalar>(out var scalar))
        {
            return Resolve(scalar);
        }
        if (parser.TryConsume<SequenceStart>(out _))
        {
            var array = new JsonArray();
            while (!parser.TryConsume<SequenceEnd>(out _))
            {
                array.Add(ReadNode(parser, depth + 1));
            }
            return array;
        }
        parser.Consume<MappingStart>();
        var obj = new JsonObject();
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var key = parser.Consume<Scalar>().Value;
            obj[key] = ReadNode(parser, depth + 1);
        }
        return obj;
    }

    private static JsonValue? Resolve(Scalar scalar)
    {
        var value = scalar.Value;
        if (!scalar.IsPlainImplicit || scalar.Style != ScalarStyle.Plain)
        {
            return scalar.Tag.IsEmpty || scalar.Tag.Value is "tag:yaml.org,2002:str" or "!!str" ? JsonValue.Create(value) : ResolveTagged(scalar);
        }
        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            // YAML 1.2 core booleans only: go-yaml v2 would also read yes/no/on/off/y/n as
            // booleans and then fail to put them in string fields such as a namespace "n";
            // keeping them strings accepts strictly more manifests and loses nothing.
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }
        if (IntegerPattern().IsMatch(value) && long.TryParse(value.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }
        if (FloatPattern().IsMatch(value) && double.TryParse(value.Replace("_", string.Empty, StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }
        return JsonValue.Create(value);
    }

    private static JsonValue? ResolveTagged(Scalar scalar) => scalar.Tag.Value switch
    {
        "tag:yaml.org,2002:null" or "!!null" => null,
        "tag:yaml.org,2002:bool" or "!!bool" => JsonValue.Create(bool.TryParse(scalar.Value, out var b) && b),
        _ => JsonValue.Create(scalar.Value),
    };

    private static string FirstLine(string message)
    {
        var index = message.IndexOf('\n', StringComparison.Ordinal);
        return index < 0 ? message : message[..index];
    }

    [GeneratedRegex(@"^[-+]?(0|[1-9][0-9_]*)$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?([0-9][0-9_]*)?\.[0-9]*([eE][-+]?[0-9]+)?$|^[-+]?[0-9][0-9_]*[eE][-+]?[0-9]+$")]
    private static partial Regex FloatPattern();
}
