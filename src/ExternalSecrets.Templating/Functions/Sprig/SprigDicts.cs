using ExternalSecrets.Templating.Values;
using static ExternalSecrets.Templating.Functions.Sprig.Sig;

namespace ExternalSecrets.Templating.Functions.Sprig;

/// <summary>sprig's dict functions (dict.go), with mergo 0.3's merge rules for <c>merge</c>/<c>mergeOverwrite</c>.</summary>
internal static class SprigDicts
{
    public static void Register(FuncMap m)
    {
        Var(m, "dict", MSA, [], A, static (_, a) => Ok(Dict(a)));
        Fn(m, "get", A, [MSA, S], static (_, a) => Ok(((GoMap)a[0]!).TryGetValue(Str(a, 1), out var v) ? v : GoString.Empty));
        Fn(m, "set", MSA, [MSA, S, A], static (_, a) =>
        {
            var d = (GoMap)a[0]!;
            d[Str(a, 1)] = a[2];
            return Ok(d);
        });
        Fn(m, "unset", MSA, [MSA, S], static (_, a) =>
        {
            var d = (GoMap)a[0]!;
            d.Remove(Str(a, 1));
            return Ok(d);
        });
        Fn(m, "hasKey", B, [MSA, S], static (_, a) => Ok(((GoMap)a[0]!).ContainsKey(Str(a, 1))));
        Var(m, "pluck", LA, [S], MSA, static (_, a) =>
        {
            var key = Str(a, 0);
            var res = new GoList(LA);
            foreach (var d in a[1..])
            {
                if (d is GoMap map && map.TryGetValue(key, out var v))
                {
                    res.Add(v);
                }
            }

            return Ok(res);
        });

        // Go iterates maps in random order; sorted keys are one of the orders Go may produce.
        Var(m, "keys", LS, [], MSA, static (_, a) =>
        {
            var res = new GoList(LS);
            foreach (var d in a)
            {
                if (d is GoMap map)
                {
                    foreach (var k in map.SortedKeys())
                    {
                        res.Add(k);
                    }
                }
            }

            return Ok(res);
        });
        Fn(m, "values", LA, [MSA], static (_, a) =>
        {
            var map = (GoMap)a[0]!;
            return Ok(new GoList(LA, map.SortedKeys().Select(k => map[k])));
        });
        Var(m, "pick", MSA, [MSA], S, static (_, a) =>
        {
            var d = (GoMap)a[0]!;
            var res = new GoMap(MSA);
            foreach (var o in a[1..])
            {
                var k = (GoString)o!;
                if (d.TryGetValue(k, out var v))
                {
                    res[k] = v;
                }
            }

            return Ok(res);
        });
        Var(m, "omit", MSA, [MSA], S, static (_, a) =>
        {
            var d = (GoMap)a[0]!;
            var omit = new HashSet<GoString>();
            foreach (var o in a[1..])
            {
                omit.Add((GoString)o!);
            }

            var res = new GoMap(MSA);
            foreach (var (k, v) in d)
            {
                if (!omit.Contains(k))
                {
                    res[k] = v;
                }
            }

            return Ok(res);
        });

        Var(m, "merge", A, [MSA], MSA, static (_, a) => Ok(Merge(a, overwrite: false)));
        Var(m, "mergeOverwrite", A, [MSA], MSA, static (_, a) => Ok(Merge(a, overwrite: true)));
        Var(m, "mustMerge", A, [MSA], MSA, static (_, a) => Ok(Merge(a, overwrite: false)), returnsError: true);
        Var(m, "mustMergeOverwrite", A, [MSA], MSA, static (_, a) => Ok(Merge(a, overwrite: true)), returnsError: true);

        Var(m, "dig", A, [], A, static (_, a) => Ok(Dig(a)), returnsError: true);
    }

    private static GoMap Dict(ReadOnlySpan<object?> v)
    {
        var dict = new GoMap(MSA);
        for (var i = 0; i < v.Length; i += 2)
        {
            var key = SprigValues.Strval(v[i]);
            dict[key] = i + 1 >= v.Length ? GoString.Empty : v[i + 1];
        }

        return dict;
    }

    // Merges into the first dict in place (Go maps are references) and returns it.
    private static GoMap Merge(ReadOnlySpan<object?> a, bool overwrite)
    {
        var dst = (GoMap)a[0]!;
        foreach (var src in a[1..])
        {
            if (src is GoMap s)
            {
                MergeInto(dst, s, overwrite, 0);
            }
        }

        return dst;
    }

    /// <summary>
    /// mergo 0.3 <c>deepMerge</c> for maps: nested maps merge recursively; without overwrite a key is
    /// set only when missing or empty in dst; with overwrite every key is replaced, except that a
    /// map in src never replaces a non-empty dst value (it merges into it, or is dropped when dst is
    /// not a map), and a nil src value overwrites.
    /// </summary>
    internal static void MergeInto(GoMap dst, GoMap src, bool overwrite, int depth)
    {
        if (depth > 10000)
        {
            throw new InvalidOperationException("merge: maps nested too deeply");
        }

        foreach (var key in src.SortedKeys())
        {
            var sv = src[key];
            var dstValid = dst.TryGetValue(key, out var dv);
            if (sv is null)
            {
                if (overwrite)
                {
                    dst[key] = null;
                }

                continue;
            }

            if (sv is GoMap sm && dv is GoMap dm)
            {
                MergeInto(dm, sm, overwrite, depth + 1);
            }

            if (dstValid && !SprigValues.IsEmpty(dv) && sv is GoMap or GoList)
            {
                if (overwrite && sv is GoList)
                {
                    dst[key] = sv;
                }

                continue;
            }

            if (overwrite || !dstValid || SprigValues.IsEmpty(dv))
            {
                dst[key] = sv;
            }
        }
    }

    private static object? Dig(ReadOnlySpan<object?> ps)
    {
        if (ps.Length < 3)
        {
            throw new InvalidOperationException("dig needs at least three arguments");
        }

        var dict = AsDict(ps[^1]);
        var def = ps[^2];
        var keys = new GoString[ps.Length - 2];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = ps[i] as GoString ?? throw new InvalidOperationException(
                "interface conversion: interface {} is " + GoValues.TypeName(ps[i]) + ", not string");
        }

        for (var i = 0; ; i++)
        {
            if (!dict.TryGetValue(keys[i], out var step))
            {
                return def;
            }

            if (i == keys.Length - 1)
            {
                return step;
            }

            dict = AsDict(step);
        }
    }

    private static GoMap AsDict(object? v) =>
        v is GoMap { Type: var t } m && t == MSA
            ? m
            : throw new InvalidOperationException("interface conversion: interface {} is " + GoValues.TypeName(v) + ", not map[string]interface {}");
}
