using System.Globalization;
using ExternalSecrets.Templating.Values;
using static ExternalSecrets.Templating.Functions.Sprig.Sig;

namespace ExternalSecrets.Templating.Functions.Sprig;

/// <summary>
/// sprig's list functions (list.go). Each non-<c>must</c> variant panics where the <c>must</c>
/// variant returns its error, so templates see <c>error calling NAME: …</c> for both.
/// </summary>
internal static class SprigLists
{
    private delegate object? ListOp(FunctionContext ctx, GoList list, ReadOnlySpan<object?> rest);

    public static void Register(FuncMap m)
    {
        Var(m, "list", LA, [], A, static (_, a) => Ok(new GoList(LA, a.ToArray())));
        Var(m, "tuple", LA, [], A, static (_, a) => Ok(new GoList(LA, a.ToArray())));

        Pair(m, "append", "Cannot push on type {0}", LA, [A, A], 0, static (_, l, r) => Append(l, r[0], atEnd: true));
        Pair(m, "push", "Cannot push on type {0}", LA, [A, A], 0, static (_, l, r) => Append(l, r[0], atEnd: true));
        Pair(m, "prepend", "Cannot prepend on type {0}", LA, [A, A], 0, static (_, l, r) => Append(l, r[0], atEnd: false));
        Pair(m, "first", "Cannot find first on type {0}", A, [A], 0, static (_, l, _) => l.Count == 0 ? null : l[0]);
        Pair(m, "last", "Cannot find last on type {0}", A, [A], 0, static (_, l, _) => l.Count == 0 ? null : l[^1]);
        Pair(m, "rest", "Cannot find rest on type {0}", LA, [A], 0, static (_, l, _) => l.Count == 0 ? new GoList(LA) : new GoList(LA, l.Skip(1)));
        Pair(m, "initial", "Cannot find initial on type {0}", LA, [A], 0, static (_, l, _) => l.Count == 0 ? new GoList(LA) : new GoList(LA, l.Take(l.Count - 1)));
        Pair(m, "reverse", "Cannot find reverse on type {0}", LA, [A], 0, static (_, l, _) => new GoList(LA, l.Reverse()));
        Pair(m, "compact", "Cannot compact on type {0}", LA, [A], 0, static (_, l, _) => new GoList(LA, l.Where(x => !SprigValues.IsEmpty(x))));
        Pair(m, "uniq", "Cannot find uniq on type {0}", LA, [A], 0, static (_, l, _) => Uniq(l));
        PairVar(m, "without", "Cannot find without on type {0}", LA, static (_, l, r) => Without(l, r));
        Pair(m, "chunk", "Cannot chunk type {0}", GoType.SliceOf(LA), [I, A], 1, static (ctx, l, r) => Chunk(ctx, (long)r[0]!, l));

        Fn(m, "has", B, [A, A], static (_, a) => Ok(Has(a[0], a[1], out var e) ?? throw new InvalidOperationException(e)));
        Fn(m, "mustHas", B, [A, A], static (_, a) => Has(a[0], a[1], out var e) is { } b ? Ok(b) : GoResult.Fail(e!), returnsError: true);

        Var(m, "slice", A, [A], A, static (_, a) => Slice(a, must: false));
        Var(m, "mustSlice", A, [A], A, static (_, a) => Slice(a, must: true), returnsError: true);
        Var(m, "concat", A, [], A, static (ctx, a) => Ok(Concat(ctx, a)));

        Fn(m, "until", LI, [I], static (ctx, a) => Ok(UntilStep(ctx, 0, Int(a, 0), Int(a, 0) < 0 ? -1 : 1)));
        Fn(m, "untilStep", LI, [I, I, I], static (ctx, a) => Ok(UntilStep(ctx, Int(a, 0), Int(a, 1), Int(a, 2))));
        Var(m, "seq", S, [], I, static (ctx, a) => Ok(Seq(ctx, a)));
    }

    // Registers NAME (panics on a non-list) and mustNAME (returns the error). The list is argument listIndex.
    private static void Pair(FuncMap m, string name, string error, GoType result, GoType[] parameters, int listIndex, ListOp op)
    {
        var must = "must" + char.ToUpperInvariant(name[0]) + name[1..];
        Fn(m, name, result, parameters, (ctx, a) => Ok(Run(ctx, a, listIndex, error, op, panic: true)));
        Fn(m, must, result, parameters, (ctx, a) => RunMust(ctx, a, listIndex, error, op), returnsError: true);
    }

    private static void PairVar(FuncMap m, string name, string error, GoType result, ListOp op)
    {
        var must = "must" + char.ToUpperInvariant(name[0]) + name[1..];
        Var(m, name, result, [A], A, (ctx, a) => Ok(Run(ctx, a, 0, error, op, panic: true)));
        Var(m, must, result, [A], A, (ctx, a) => RunMust(ctx, a, 0, error, op), returnsError: true);
    }

    private static object? Run(FunctionContext ctx, ReadOnlySpan<object?> a, int listIndex, string error, ListOp op, bool panic)
    {
        var list = SprigValues.RequireList(a[listIndex], error, out var message);
        if (message is not null)
        {
            throw new InvalidOperationException(message);
        }

        return op(ctx, list, Others(a, listIndex));
    }

    private static GoResult RunMust(FunctionContext ctx, ReadOnlySpan<object?> a, int listIndex, string error, ListOp op)
    {
        var list = SprigValues.RequireList(a[listIndex], error, out var message);
        return message is not null ? GoResult.Fail(message) : Ok(op(ctx, list, Others(a, listIndex)));
    }

    private static ReadOnlySpan<object?> Others(ReadOnlySpan<object?> a, int listIndex) =>
        listIndex == 0 ? a[1..] : a[..listIndex];

    private static GoList Append(GoList list, object? v, bool atEnd)
    {
        var result = new GoList(LA, list.Count + 1);
        if (!atEnd)
        {
            result.Add(v);
        }

        foreach (var item in list)
        {
            result.Add(item);
        }

        if (atEnd)
        {
            result.Add(v);
        }

        return result;
    }

    private static GoList Uniq(GoList list)
    {
        var dest = new GoList(LA);
        foreach (var item in list)
        {
            if (!dest.Any(d => SprigValues.DeepEqual(item, d)))
            {
                dest.Add(item);
            }
        }

        return dest;
    }

    private static GoList Without(GoList list, ReadOnlySpan<object?> omit)
    {
        var omitted = omit.ToArray();
        return new GoList(LA, list.Where(item => !omitted.Any(o => SprigValues.DeepEqual(item, o))));
    }

    private static GoList Chunk(FunctionContext ctx, long size, GoList list)
    {
        var l = list.Count;
        var cs = (long)Math.Floor((double)(l - 1) / size) + 1;
        if (size <= 0 || cs < 0)
        {
            // Go: make([][]interface{}, negative) or an index out of range panics.
            throw new InvalidOperationException("runtime error: makeslice: len out of range");
        }

        ctx.CountIterations(cs);
        var result = new GoList(GoType.SliceOf(LA), (int)cs);
        for (var i = 0; i < cs; i++)
        {
            var clen = size;
            if (i == cs - 1)
            {
                clen = l % size;
                if (clen == 0)
                {
                    clen = size;
                }
            }

            var chunk = new GoList(LA, (int)clen);
            for (var j = 0; j < clen; j++)
            {
                var ix = (i * size) + j;
                if (ix >= l)
                {
                    throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"reflect: slice index out of range"));
                }

                chunk.Add(list[(int)ix]);
            }

            result.Add(chunk);
        }

        return result;
    }

    private static bool? Has(object? needle, object? haystack, out string? error)
    {
        error = null;
        if (haystack is null)
        {
            return false;
        }

        if (haystack is not GoList list)
        {
            error = "Cannot find has on type " + SprigValues.KindName(haystack);
            return null;
        }

        foreach (var item in list)
        {
            if (SprigValues.DeepEqual(needle, item))
            {
                return true;
            }
        }

        return false;
    }

    private static GoResult Slice(ReadOnlySpan<object?> a, bool must)
    {
        var value = a[0];
        if (value is null)
        {
            throw new InvalidOperationException(SprigValues.NilDereference);
        }

        if (value is not GoList list)
        {
            var message = "list should be type of slice or array but " + SprigValues.KindName(value);
            return must ? GoResult.Fail(message) : throw new InvalidOperationException(message);
        }

        if (list.Count == 0)
        {
            return Ok(null);
        }

        var start = a.Length > 1 ? SprigValues.ToInt64(a[1]) : 0;
        var end = a.Length > 2 ? SprigValues.ToInt64(a[2]) : list.Count;
        if (start < 0 || end < start || end > list.Count)
        {
            // reflect.Value.Slice's panic.
            throw new InvalidOperationException("reflect.Value.Slice: slice index out of bounds");
        }

        return Ok(new GoList(list.Type, list.Skip((int)start).Take((int)(end - start))));
    }

    private static GoList Concat(FunctionContext ctx, ReadOnlySpan<object?> lists)
    {
        var result = new GoList(LA);
        foreach (var v in lists)
        {
            if (v is null)
            {
                throw new InvalidOperationException(SprigValues.NilDereference);
            }

            if (v is not GoList l)
            {
                throw new InvalidOperationException("Cannot concat type " + SprigValues.KindName(v) + " as list");
            }

            ctx.CountIterations(l.Count);
            foreach (var item in l)
            {
                result.Add(item);
            }
        }

        return result;
    }

    /// <summary>sprig's <c>untilStep</c>: [start, stop) by step; an empty list when the step points away.</summary>
    public static GoList UntilStep(FunctionContext ctx, long start, long stop, long step)
    {
        var result = new GoList(LI);
        if (stop < start)
        {
            if (step >= 0)
            {
                return result;
            }

            ctx.CountIterations((start - stop) / -step);
            for (var i = start; i > stop; i += step)
            {
                result.Add(i);
            }

            return result;
        }

        if (step <= 0)
        {
            return result;
        }

        ctx.CountIterations((stop - start) / step);
        for (var i = start; i < stop; i += step)
        {
            result.Add(i);
        }

        return result;
    }

    private static GoString Seq(FunctionContext ctx, ReadOnlySpan<object?> p)
    {
        long start, end, step;
        switch (p.Length)
        {
            case 1:
                start = 1;
                end = (long)p[0]!;
                step = end < start ? -1 : 1;
                return Join(UntilStep(ctx, start, end + step, step));
            case 2:
                start = (long)p[0]!;
                end = (long)p[1]!;
                step = end < start ? -1 : 1;
                return Join(UntilStep(ctx, start, end + step, step));
            case 3:
                start = (long)p[0]!;
                step = (long)p[1]!;
                end = (long)p[2]!;
                var increment = 1L;
                if (end < start)
                {
                    increment = -1;
                    if (step > 0)
                    {
                        return GoString.Empty;
                    }
                }

                return Join(UntilStep(ctx, start, end + increment, step));
            default:
                return GoString.Empty;
        }

        static GoString Join(GoList ints) =>
            GoString.FromUtf8(string.Join(' ', ints.Select(i => ((long)i!).ToString(CultureInfo.InvariantCulture))));
    }
}
