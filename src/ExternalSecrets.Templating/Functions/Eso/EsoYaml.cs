using System.Globalization;
using ExternalSecrets.Templating.Functions.Sprig;
using ExternalSecrets.Templating.Values;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

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
        object? value;
        try
        {
            value = new Reader(ctx, new Parser(new StringReader(text))).ReadDocument();
        }
        catch (YamlException e)
        {
            result[(GoString)"Error"] = GoString.FromUtf8(
                "error converting YAML to JSON: yaml: line " + e.Start.Line.ToString(CultureInfo.InvariantCulture) + ": " + e.Message);
            return result;
        }
        catch (ConversionException e)
        {
            result[(GoString)"Error"] = GoString.FromUtf8(e.Message);
            return result;
        }

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

    /// <summary>
    /// Builds the JSON-shaped value from parser events (first document only, as go-yaml's
    /// Unmarshal). Later duplicate keys win, as in go-yaml v2. An alias reuses the anchored value
    /// but counts its whole size against the iteration limit, so expansion bombs still stop.
    /// </summary>
    private sealed class Reader(FunctionContext ctx, IParser parser)
    {
        private readonly Dictionary<string, (object? Value, long Size)> _anchors = new(StringComparer.Ordinal);

        public object? ReadDocument()
        {
            parser.Consume<StreamStart>();
            if (parser.Accept<StreamEnd>(out _))
            {
                return null;
            }

            parser.Consume<DocumentStart>();
            var (value, _) = ReadNode(0);
            return value;
        }

        private (object? Value, long Size) ReadNode(int depth)
        {
            if (depth > 10000)
            {
                throw new ConversionException("error converting YAML to JSON: yaml: exceeded max depth");
            }

            ctx.CountIterations(1);
            if (parser.TryConsume<AnchorAlias>(out var alias))
            {
                if (!_anchors.TryGetValue(alias.Value.Value, out var target))
                {
                    throw new ConversionException("error converting YAML to JSON: yaml: unknown anchor '" + alias.Value.Value + "' referenced");
                }

                ctx.CountIterations(target.Size);
                return target;
            }

            if (parser.TryConsume<Scalar>(out var scalar))
            {
                var v = ScalarValue(scalar);
                Remember(scalar.Anchor, v, 1);
                return (v, 1);
            }

            if (parser.TryConsume<SequenceStart>(out var seqStart))
            {
                var list = new GoList(GoType.SliceOfAny);
                long size = 1;
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    var (item, itemSize) = ReadNode(depth + 1);
                    list.Add(item);
                    size += itemSize;
                }

                Remember(seqStart.Anchor, list, size);
                return (list, size);
            }

            var mapStart = parser.Consume<MappingStart>();
            var map = new GoMap(GoType.MapOfStringToAny);
            var merges = new List<object?>();
            long mapSize = 1;
            while (!parser.TryConsume<MappingEnd>(out _))
            {
                var isMergeKey = parser.Current is Scalar { Value: "<<", Style: ScalarStyle.Plain or ScalarStyle.Any } k && k.Tag.IsEmpty;
                GoString key;
                if (parser.TryConsume<Scalar>(out var keyScalar))
                {
                    key = KeyString(keyScalar);
                    Remember(keyScalar.Anchor, ScalarValue(keyScalar), 1);
                }
                else
                {
                    throw new ConversionException("error converting YAML to JSON: Unsupported map key of type: " + parser.Current?.GetType().Name);
                }

                var (value, valueSize) = ReadNode(depth + 1);
                mapSize += valueSize + 1;
                if (isMergeKey)
                {
                    merges.Add(value);
                    continue;
                }

                map[key] = value;
            }

            // YAML merge keys: merged entries never override explicit ones.
            foreach (var merge in merges)
            {
                var sources = merge is GoList l ? l.ToList() : [merge];
                foreach (var source in sources)
                {
                    if (source is not GoMap m)
                    {
                        throw new ConversionException("error converting YAML to JSON: yaml: map merge requires map or sequence of maps as the value");
                    }

                    foreach (var (mk, mv) in m)
                    {
                        if (!map.ContainsKey(mk))
                        {
                            map[mk] = mv;
                        }
                    }
                }
            }

            Remember(mapStart.Anchor, map, mapSize);
            return (map, mapSize);
        }

        private void Remember(AnchorName anchor, object? value, long size)
        {
            if (!anchor.IsEmpty)
            {
                _anchors[anchor.Value] = (value, size);
            }
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

    private static bool IsPlain(Scalar s) => s.Style is ScalarStyle.Plain or ScalarStyle.Any && s.Tag.IsEmpty;

    private static object? ScalarValue(Scalar s)
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

    private static GoString KeyString(Scalar s)
    {
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
