using ExternalSecrets.Templating.Values;
using static ExternalSecrets.Templating.Functions.Sprig.Sig;

namespace ExternalSecrets.Templating.Functions.Sprig;

/// <summary>sprig's defaults.go: <c>default</c>, <c>empty</c>, <c>coalesce</c>, <c>all</c>, <c>any</c>, JSON, <c>ternary</c>, <c>deepCopy</c>.</summary>
internal static class SprigDefaults
{
    public static void Register(FuncMap m)
    {
        Var(m, "default", A, [A], A, static (_, a) => Ok(a.Length < 2 || SprigValues.IsEmpty(a[1]) ? a[0] : a[1]));
        Fn(m, "empty", B, [A], static (_, a) => Ok(SprigValues.IsEmpty(a[0])));
        Var(m, "coalesce", A, [], A, static (_, a) =>
        {
            foreach (var v in a)
            {
                if (!SprigValues.IsEmpty(v))
                {
                    return Ok(v);
                }
            }

            return Ok(null);
        });
        Var(m, "all", B, [], A, static (_, a) =>
        {
            foreach (var v in a)
            {
                if (SprigValues.IsEmpty(v))
                {
                    return Ok(false);
                }
            }

            return Ok(true);
        });
        Var(m, "any", B, [], A, static (_, a) =>
        {
            foreach (var v in a)
            {
                if (!SprigValues.IsEmpty(v))
                {
                    return Ok(true);
                }
            }

            return Ok(false);
        });

        Fn(m, "fromJson", A, [S], static (_, a) => Ok(GoJsonCodec.Unmarshal(Str(a, 0).Span, out string? _)));
        Fn(m, "mustFromJson", A, [S], static (_, a) =>
        {
            var v = GoJsonCodec.Unmarshal(Str(a, 0).Span, out var err);
            return err is null ? Ok(v) : GoResult.Fail(err);
        }, returnsError: true);
        Fn(m, "toJson", S, [A], static (_, a) => Ok(GoJsonCodec.Marshal(a[0], null, true, out string? _) ?? GoString.Empty));
        Fn(m, "toPrettyJson", S, [A], static (_, a) => Ok(GoJsonCodec.Marshal(a[0], "  ", true, out string? _) ?? GoString.Empty));
        Fn(m, "toRawJson", S, [A], static (_, a) =>
            Ok(GoJsonCodec.Marshal(a[0], null, false, out var err) ?? throw new InvalidOperationException(err)));
        Fn(m, "mustToJson", S, [A], static (_, a) => Must(GoJsonCodec.Marshal(a[0], null, true, out var err), err), returnsError: true);
        Fn(m, "mustToPrettyJson", S, [A], static (_, a) => Must(GoJsonCodec.Marshal(a[0], "  ", true, out var err), err), returnsError: true);
        Fn(m, "mustToRawJson", S, [A], static (_, a) => Must(GoJsonCodec.Marshal(a[0], null, false, out var err), err), returnsError: true);

        Fn(m, "ternary", A, [A, A, B], static (_, a) => Ok((bool)a[2]! ? a[0] : a[1]));
        Fn(m, "deepCopy", A, [A], static (_, a) => Ok(DeepCopy(a[0], 0)));
        Fn(m, "mustDeepCopy", A, [A], static (_, a) => Ok(DeepCopy(a[0], 0)), returnsError: true);
    }

    private static GoResult Must(GoString? value, string? error) => value is not null ? Ok(value) : GoResult.Fail(error!);

    /// <summary>copystructure.Copy: maps and slices are copied recursively; scalars are values already.</summary>
    public static object? DeepCopy(object? value, int depth)
    {
        if (depth > 10000)
        {
            throw new InvalidOperationException("deepCopy error: value nested too deeply");
        }

        switch (value)
        {
            case GoMap map:
                {
                    var copy = new GoMap(map.Type, map.Count);
                    foreach (var (k, v) in map)
                    {
                        copy[k] = DeepCopy(v, depth + 1);
                    }

                    return copy;
                }

            case GoList list:
                {
                    var copy = new GoList(list.Type, list.Count);
                    foreach (var v in list)
                    {
                        copy.Add(DeepCopy(v, depth + 1));
                    }

                    return copy;
                }

            default:
                return value;
        }
    }
}
