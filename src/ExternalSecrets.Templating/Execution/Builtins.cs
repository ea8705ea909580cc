using ExternalSecrets.Templating.Formatting;
using ExternalSecrets.Templating.Functions;
using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating.Execution;

/// <summary>
/// Go's predefined template functions (text/template funcs.go): and, or, not, len, index, slice,
/// print, printf, println, html, js, urlquery, call, eq, ne, lt, le, gt, ge. Parameters typed
/// <see cref="ReflectValue"/> receive values unconverted (including the invalid value), as Go's
/// <c>reflect.Value</c> parameters do.
/// </summary>
internal static partial class Builtins
{
    /// <summary>Marker type for Go's <c>reflect.Value</c> parameters.</summary>
    public static readonly GoType ReflectValue = GoType.Named(GoKind.Struct, "reflect.Value");

    public static readonly FuncMap Functions = Create();

    private static FuncMap Create()
    {
        var rv = ReflectValue;
        var any = GoType.Any;
        var map = new FuncMap();
        map.Add(GoFunction.WithVariadic("and", rv, [rv], rv, static (_, _) => throw new InvalidOperationException("unreachable")));
        map.Add(GoFunction.WithVariadic("or", rv, [rv], rv, static (_, _) => throw new InvalidOperationException("unreachable")));
        map.Add(GoFunction.Fixed("not", GoType.Bool, [rv], static (_, a) => GoResult.Ok(GoValues.Box(!Truth(a[0])))));
        map.Add(GoFunction.Fixed("len", GoType.Int, [rv], static (_, a) => Length(a[0]), returnsError: true));
        map.Add(GoFunction.WithVariadic("index", rv, [rv], rv, static (_, a) => Index(a), returnsError: true));
        map.Add(GoFunction.WithVariadic("slice", rv, [rv], rv, static (_, a) => Slice(a), returnsError: true));
        map.Add(GoFunction.WithVariadic("print", GoType.String, [], any, static (_, a) => GoResult.Ok(GoFmt.Sprint(a))));
        map.Add(GoFunction.WithVariadic("printf", GoType.String, [GoType.String], any, static (_, a) => GoResult.Ok(GoFmt.Sprintf((GoString)a[0]!, a[1..]))));
        map.Add(GoFunction.WithVariadic("println", GoType.String, [], any, static (_, a) => GoResult.Ok(GoFmt.Sprintln(a))));
        map.Add(GoFunction.WithVariadic("html", GoType.String, [], any, static (_, a) => GoResult.Ok(HtmlEscape(EvalArgs(a)))));
        map.Add(GoFunction.WithVariadic("js", GoType.String, [], any, static (_, a) => GoResult.Ok(JsEscape(EvalArgs(a)))));
        map.Add(GoFunction.WithVariadic("urlquery", GoType.String, [], any, static (_, a) => GoResult.Ok(QueryEscape(EvalArgs(a)))));
        map.Add(GoFunction.WithVariadic("call", rv, [rv], rv, static (ctx, a) => Call(ctx, a), returnsError: true));
        map.Add(GoFunction.WithVariadic("eq", GoType.Bool, [rv], rv, static (_, a) => Eq(a[0], a[1..]), returnsError: true));
        map.Add(GoFunction.Fixed("ne", GoType.Bool, [rv, rv], static (_, a) => Not(Eq(a[0], a[1..2])), returnsError: true));
        map.Add(GoFunction.Fixed("lt", GoType.Bool, [rv, rv], static (_, a) => Lt(a[0], a[1]), returnsError: true));
        map.Add(GoFunction.Fixed("le", GoType.Bool, [rv, rv], static (_, a) => Le(a[0], a[1]), returnsError: true));
        map.Add(GoFunction.Fixed("gt", GoType.Bool, [rv, rv], static (_, a) => Not(Le(a[0], a[1])), returnsError: true));
        map.Add(GoFunction.Fixed("ge", GoType.Bool, [rv, rv], static (_, a) => Not(Lt(a[0], a[1])), returnsError: true));
        return map;
    }

    /// <summary>Go's <c>indirectInterface</c>: nil interface and invalid both become "no value".</summary>
    private static bool IsInvalid(object? v) => v is null or Sentinel;

    private static bool Truth(object? v) => !IsInvalid(v) && GoValues.IsTrue(v);

    private static GoResult Not(GoResult r) => r.IsError ? r : GoResult.Ok(GoValues.Box(!(bool)r.Value!));

    private static GoResult Length(object? item)
    {
        switch (item)
        {
            case Sentinel:
                return GoResult.Fail("reflect: call of reflect.Value.Type on zero Value");
            case null:
                return GoResult.Fail("len of nil pointer");
            case GoString s:
                return GoResult.Ok((long)s.Length);
            case GoList l:
                return GoResult.Ok((long)l.Count);
            case GoMap m:
                return GoResult.Ok((long)m.Count);
            default:
                return GoResult.Fail($"len of type {GoValues.TypeName(item)}");
        }
    }

    private static bool IndexArg(object? index, int cap, out int result, out string? error)
    {
        result = 0;
        error = null;
        long x;
        switch (index)
        {
            case long or GoInt64:
                GoValues.TryGetInteger(index, out x);
                break;
            case ulong u:
                x = unchecked((long)u);
                break;
            case byte b:
                x = b;
                break;
            case null or Sentinel:
                error = "cannot index slice/array with nil";
                return false;
            default:
                error = $"cannot index slice/array with type {GoValues.TypeName(index)}";
                return false;
        }

        if (x < 0 || x > cap)
        {
            error = $"index out of range: {x}";
            return false;
        }

        result = (int)x;
        return true;
    }

    private static GoResult Index(ReadOnlySpan<object?> args)
    {
        var item = args[0];
        if (IsInvalid(item))
        {
            return GoResult.Fail("index of untyped nil");
        }

        foreach (var rawIndex in args[1..])
        {
            var index = rawIndex is Sentinel ? null : rawIndex;
            if (item is null)
            {
                return GoResult.Fail("index of nil pointer");
            }

            switch (item)
            {
                case GoList list:
                    {
                        if (!IndexArg(index, list.Count, out var x, out var err))
                        {
                            return GoResult.Fail(err!);
                        }

                        if (x >= list.Count)
                        {
                            throw new InvalidOperationException("reflect: slice index out of range");
                        }

                        item = list[x];
                        break;
                    }

                case GoString s:
                    {
                        if (!IndexArg(index, s.Length, out var x, out var err))
                        {
                            return GoResult.Fail(err!);
                        }

                        if (x >= s.Length)
                        {
                            throw new InvalidOperationException("reflect: string index out of range");
                        }

                        item = s[x];
                        break;
                    }

                case GoMap map:
                    {
                        if (index is null)
                        {
                            return GoResult.Fail("value is nil; should be of type string");
                        }

                        if (index is not GoString key)
                        {
                            return GoResult.Fail($"value has type {GoValues.TypeName(index)}; should be string");
                        }

                        item = map.TryGetValue(key, out var v) ? v : GoValues.Zero(map.ElemType);
                        break;
                    }

                default:
                    return GoResult.Fail($"can't index item of type {GoValues.TypeName(item)}");
            }
        }

        return GoResult.Ok(item);
    }

    private static GoResult Slice(ReadOnlySpan<object?> args)
    {
        var item = args[0];
        if (IsInvalid(item))
        {
            return GoResult.Fail("slice of untyped nil");
        }

        var indexes = args[1..];
        if (indexes.Length > 3)
        {
            return GoResult.Fail($"too many slice indexes: {indexes.Length}");
        }

        int cap;
        switch (item)
        {
            case GoString s:
                if (indexes.Length == 3)
                {
                    return GoResult.Fail("cannot 3-index slice a string");
                }

                cap = s.Length;
                break;
            case GoList l:
                cap = l.Count;
                break;
            default:
                return GoResult.Fail($"can't slice item of type {GoValues.TypeName(item)}");
        }

        Span<int> idx = [0, cap, 0];
        for (var i = 0; i < indexes.Length; i++)
        {
            if (indexes[i] is InterfaceIndex)
            {
                return GoResult.Fail("cannot index slice/array with type interface {}");
            }

            var index = indexes[i] is Sentinel ? null : indexes[i];
            if (!IndexArg(index, cap, out var x, out var err))
            {
                return GoResult.Fail(err!);
            }

            idx[i] = x;
        }

        if (idx[0] > idx[1])
        {
            return GoResult.Fail($"invalid slice index: {idx[0]} > {idx[1]}");
        }

        if (indexes.Length == 3 && idx[1] > idx[2])
        {
            return GoResult.Fail($"invalid slice index: {idx[1]} > {idx[2]}");
        }

        if (item is GoString str)
        {
            return GoResult.Ok(str.Substring(idx[0], idx[1] - idx[0]));
        }

        var list = (GoList)item!;
        var result = new GoList(list.Type, idx[1] - idx[0]);
        for (var i = idx[0]; i < idx[1]; i++)
        {
            result.Add(list[i]);
        }

        return GoResult.Ok(result);
    }

    private static GoResult Call(FunctionContext ctx, ReadOnlySpan<object?> args)
    {
        var fn = args[0];
        if (IsInvalid(fn))
        {
            return GoResult.Fail("call of nil");
        }

        if (fn is not GoFunction f)
        {
            return GoResult.Fail($"non-function of type {GoValues.TypeName(fn)}");
        }

        var callArgs = args[1..];
        var numIn = f.Parameters.Count;
        if (f.IsVariadic)
        {
            if (callArgs.Length < numIn)
            {
                return GoResult.Fail($"wrong number of args: got {callArgs.Length} want at least {numIn}");
            }
        }
        else if (callArgs.Length != numIn)
        {
            return GoResult.Fail($"wrong number of args: got {callArgs.Length} want {numIn}");
        }

        var argv = new object?[callArgs.Length];
        for (var i = 0; i < callArgs.Length; i++)
        {
            var arg = IsInvalid(callArgs[i]) ? null : callArgs[i];
            var type = f.ParameterAt(i);
            if (arg is null)
            {
                if (!(type.Kind is GoKind.Interface or GoKind.Map or GoKind.Slice or GoKind.Pointer or GoKind.Func))
                {
                    return GoResult.Fail($"arg {i}: value is nil; should be of type {type.Name}");
                }

                argv[i] = GoValues.Zero(type);
                continue;
            }

            if (type.Kind != GoKind.Interface && !ReferenceEquals(GoValues.TypeOf(arg), type))
            {
                if (GoValues.IsInteger(arg) && type.Kind is GoKind.Int or GoKind.Int64 or GoKind.Uint64 && GoValues.TryGetInteger(arg, out var n))
                {
                    argv[i] = type.Kind switch { GoKind.Int => n, GoKind.Int64 => new GoInt64(n), _ => (object)unchecked((ulong)n) };
                    continue;
                }

                return GoResult.Fail($"arg {i}: value has type {GoValues.TypeName(arg)}; should be {type.Name}");
            }

            argv[i] = arg;
        }

        return f.Body(ctx, argv);
    }

    /// <summary>Go's <c>evalArgs</c> for html/js/urlquery: one string as is, otherwise <c>fmt.Sprint</c> with nil as &lt;no value&gt;.</summary>
    private static GoString EvalArgs(ReadOnlySpan<object?> args)
    {
        if (args.Length == 1 && args[0] is GoString s)
        {
            return s;
        }

        var printable = new object?[args.Length];
        for (var i = 0; i < args.Length; i++)
        {
            printable[i] = args[i] is null ? GoString.FromUtf8("<no value>") : args[i];
        }

        return GoFmt.Sprint(printable);
    }
}
