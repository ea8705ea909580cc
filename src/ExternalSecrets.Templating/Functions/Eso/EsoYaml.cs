using System.Globalization;
using ExternalSecrets.Templating.Functions.Sprig;
using ExternalSecrets.Templating.Values;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace ExternalSecrets.Templating.Functions.Eso;

/// <summary>
/// ESO's <c>toYaml</c> (never fails: "" on error) and <c>fromYaml</c> (a map; a YAML or type error
/// is put under the key <c>Error</c>), with sigs.k8s.io/yaml's YAML → JSON conversion: YAML 1.1
/// scalars as go-yaml v2 types them, numbers ending up as float64, map keys as strings. Every
/// node visit (aliases included) counts against the iteration limit, so alias bombs stop early.
/// </summary>
internal static class EsoYaml
{
    public static void Register(FuncMap m)
    {
        m.Add(GoFunction.Fixed("toYaml", GoType.String, [GoType.Any], static (ctx, a) =>
            GoResult.Ok(GoString.FromUtf8(GoYamlEmitter.ToYaml(a[0], ctx) ?? string.Empty))));
        m.Add(GoFunction.Fixed("fromYaml", GoType.MapOfStringToAny, [GoType.String], static (ctx, a) =>
            GoResult.Ok(FromYaml(ctx, ((GoString)a[0]!).ToUtf8String()))));
    }

    private sealed class ConversionException(string message) : Exception(message);

    public static GoMap FromYaml(FunctionContext ctx, string text)
    {
        var result = new GoMap(GoType.MapOfStringToAny);
        YamlNode? root;
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            root = stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        }
        catch (YamlException e)
        {
            result[(GoString)"Error"] = GoString.FromUtf8(
                "error converting YAML to JSON: yaml: line " + e.Start.Line.ToString(CultureInfo.InvariantCulture) + ": " + e.Message);
            return result;
        }

        try
        {
            var value = Convert(ctx, root, 0);
            switch (value)
            {
                case null:
                    return result;
                case GoMap map:
                    return map;
                default:
                    result[(GoString)"Error"] = GoString.FromUtf8(
                        "error unmarshaling JSON: while decoding JSON: json: cannot unmarshal " + JsonKind(value) + " into Go value of type map[string]interface {}");
                    return result;
            }
        }
        catch (ConversionException e)
        {
            result[(GoString)"Error"] = GoString.FromUtf8(e.Message);
            return result;
        }
    }

    private static string JsonKind(object value) => value switch
    {
        GoList => "array",
        GoString => "string",
        double => "number",
        bool => "bool",
        _ => "value",
    };

    private static object? Convert(FunctionContext ctx, YamlNode? node, int depth)
    {
        ctx.CountIterations(1);
        if (depth > 10000)
        {
            throw new ConversionException("error converting YAML to JSON: yaml: exceeded max depth");
        }

        switch (node)
        {
            case null:
                return null;
            case YamlScalarNode scalar:
                return ScalarValue(scalar);
            case YamlSequenceNode seq:
                {
                    var list = new GoList(GoType.SliceOfAny);
                    foreach (var child in seq.Children)
                    {
                        list.Add(Convert(ctx, child, depth + 1));
                    }

                    return list;
                }

            case YamlMappingNode map:
                {
                    var result = new GoMap(GoType.MapOfStringToAny);
                    var merges = new List<YamlNode>();
                    foreach (var (k, v) in map.Children)
                    {
                        if (k is YamlScalarNode { Style: ScalarStyle.Plain or ScalarStyle.Any, Value: "<<" } && k.Tag.IsEmpty)
                        {
                            merges.Add(v);
                            continue;
                        }

                        result[KeyString(k)] = Convert(ctx, v, depth + 1);
                    }

                    // YAML merge keys: merged entries never override explicit ones.
                    foreach (var merge in merges)
                    {
                        var sources = merge is YamlSequenceNode s ? s.Children.ToList() : [merge];
                        foreach (var source in sources)
                        {
                            if (Convert(ctx, source, depth + 1) is not GoMap m)
                            {
                                throw new ConversionException("error converting YAML to JSON: yaml: map merge requires map or sequence of maps as the value");
                            }

                            foreach (var (mk, mv) in m)
                            {
                                if (!result.ContainsKey(mk))
                                {
                                    result[mk] = mv;
                                }
                            }
                        }
                    }

                    return result;
                }

            default:
                return null;
        }
    }

    private static bool IsPlain(YamlScalarNode s) => s.Style is ScalarStyle.Plain or ScalarStyle.Any && s.Tag.IsEmpty;

    private static object? ScalarValue(YamlScalarNode s)
    {
        var text = s.Value ?? string.Empty;
        if (!IsPlain(s))
        {
            return GoString.FromUtf8(text);
        }

        var (tag, value) = GoYamlResolve.Resolve(text);
        switch (tag)
        {
            case GoYamlResolve.Tag.Null:
                return null;
            case GoYamlResolve.Tag.Bool:
                return GoValues.Box((bool)value!);
            case GoYamlResolve.Tag.Int:
                return System.Convert.ToDouble(value, CultureInfo.InvariantCulture);
            case GoYamlResolve.Tag.Float:
                {
                    var d = (double)value!;
                    if (double.IsNaN(d) || double.IsInfinity(d))
                    {
                        throw new ConversionException("error converting YAML to JSON: json: unsupported value: " + GoYamlResolve.FormatFloat(d).TrimStart('.'));
                    }

                    return d;
                }

            default:
                return GoString.FromUtf8(text);
        }
    }

    private static GoString KeyString(YamlNode key)
    {
        if (key is not YamlScalarNode s)
        {
            throw new ConversionException("error converting YAML to JSON: Unsupported map key of type: " + key.NodeType);
        }

        var text = s.Value ?? string.Empty;
        if (!IsPlain(s))
        {
            return GoString.FromUtf8(text);
        }

        var (tag, value) = GoYamlResolve.Resolve(text);
        return GoString.FromUtf8(tag switch
        {
            GoYamlResolve.Tag.Null => "null",
            GoYamlResolve.Tag.Bool => (bool)value! ? "true" : "false",
            GoYamlResolve.Tag.Int => GoYamlResolve.FormatInt(value!),
            GoYamlResolve.Tag.Float => GoYamlResolve.FormatFloat((double)value!),
            _ => text,
        });
    }
}
