using System.Runtime.CompilerServices;
using ExternalSecrets.Templating.Formatting;
using ExternalSecrets.Templating.Functions;
using ExternalSecrets.Templating.Parsing.Nodes;
using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating.Execution;

internal sealed partial class Executor
{
    private object? EvalPipeline(object? dot, PipeNode? pipe)
    {
        if (pipe is null)
        {
            return Sentinel.Missing;
        }

        RuntimeHelpers.EnsureSufficientExecutionStack();
        At(pipe);
        object? value = Sentinel.NoFinal;
        foreach (var cmd in pipe.Cmds)
        {
            value = EvalCommand(dot, cmd, value);

            // Go unwraps interface values after each command; a nil interface becomes invalid.
            value ??= Sentinel.Missing;
        }

        foreach (var variable in pipe.Decl)
        {
            if (pipe.IsAssign)
            {
                SetVar(variable.Ident[0], value);
            }
            else
            {
                Push(variable.Ident[0], value);
            }
        }

        return value;
    }

    private void NotAFunction(List<Node> args, object? final)
    {
        if (args.Count > 1 || !ReferenceEquals(final, Sentinel.NoFinal))
        {
            throw Error($"can't give argument to non-function {args[0]}");
        }
    }

    private object? EvalCommand(object? dot, CommandNode cmd, object? final)
    {
        var first = cmd.Args[0];
        switch (first)
        {
            case FieldNode field:
                return EvalFieldNode(dot, field, cmd.Args, final);
            case ChainNode chain:
                return EvalChainNode(dot, chain, cmd.Args, final);
            case IdentifierNode id:
                return EvalFunction(dot, id, cmd, cmd.Args, final);
            case PipeNode pipe:
                NotAFunction(cmd.Args, final);
                return EvalPipeline(dot, pipe);
            case VariableNode variable:
                return EvalVariableNode(dot, variable, cmd.Args, final);
        }

        At(first);
        NotAFunction(cmd.Args, final);
        switch (first)
        {
            case BoolNode b:
                return GoValues.Box(b.True);
            case DotNode:
                return dot;
            case NilNode:
                throw Error("nil is not a command");
            case NumberNode n:
                return IdealConstant(n);
            case StringNode s:
                return s.Text;
        }

        throw Error($"can't evaluate command {GoSyntaxQuote(first.ToString())}");
    }

    private static string GoSyntaxQuote(string s) => GoQuote.Quote(GoString.FromUtf8(s)).ToString();

    private object? IdealConstant(NumberNode constant)
    {
        At(constant);
        if (constant.IsComplex)
        {
            return new GoComplex(constant.Real, constant.Imaginary);
        }

        var text = constant.Text;
        var isHexInt = text.Length > 2 && text[0] == '0' && text[1] is 'x' or 'X' && text.IndexOfAny(['p', 'P']) < 0;
        var isRuneInt = text.Length > 0 && text[0] == '\'';
        if (constant.IsFloat && !isHexInt && !isRuneInt && text.IndexOfAny(['.', 'e', 'E', 'p', 'P']) >= 0)
        {
            return constant.Float64;
        }

        if (constant.IsInt)
        {
            return constant.Int64;
        }

        if (constant.IsUint)
        {
            throw Error($"{text} overflows int");
        }

        return Sentinel.Missing;
    }

    private object? EvalFieldNode(object? dot, FieldNode field, List<Node>? args, object? final)
    {
        At(field);
        return EvalFieldChain(dot, dot, _dotStatic, field, field.Ident, field.Keys, 0, args, final);
    }

    private object? EvalChainNode(object? dot, ChainNode chain, List<Node>? args, object? final)
    {
        At(chain);
        if (chain.Node is NilNode)
        {
            throw Error($"indirection through explicit nil in {chain}");
        }

        var pipe = EvalArg(dot, null, chain.Node);

        // A function result is not unwrapped: a func returning interface{} gives an interface value.
        var receiverType = chain.Node is IdentifierNode { Function.Result.Kind: GoKind.Interface } id ? id.Function!.Result : null;
        return EvalFieldChain(dot, pipe, receiverType, chain, chain.Field, chain.Keys, 0, args, final);
    }

    private object? EvalVariableNode(object? dot, VariableNode variable, List<Node>? args, object? final)
    {
        At(variable);
        var (_, value, staticType) = VarEntry(variable.Ident[0]);
        if (variable.Ident.Length == 1)
        {
            NotAFunction(args ?? [variable], final);
            return value;
        }

        return EvalFieldChain(dot, value, staticType, variable, variable.Ident, variable.Keys, 1, args, final);
    }

    private object? EvalFieldChain(object? dot, object? receiver, GoType? receiverStatic, Node node, IReadOnlyList<string> ident, IReadOnlyList<GoString> keys, int skip, List<Node>? args, object? final)
    {
        // Go reports the static type of the receiver: a value read from a map[string]interface{} is "interface {}".
        var staticType = receiverStatic;
        var n = ident.Count;
        for (var i = skip; i < n - 1; i++)
        {
            receiver = EvalField(dot, ident[i], keys[i - skip], node, null, Sentinel.NoFinal, receiver, ref staticType);
        }

        var result = EvalField(dot, ident[n - 1], keys[n - 1 - skip], node, args, final, receiver, ref staticType);
        _lastFieldStatic = staticType;
        return result;
    }

    private object? EvalField(object? dot, string fieldName, GoString key, Node node, List<Node>? args, object? final, object? receiver, ref GoType? staticType)
    {
        var receiverType = staticType;
        staticType = null;
        if (receiver is Sentinel)
        {
            if (_options.MissingKey == MissingKeyMode.Error)
            {
                throw Error($"nil data; no entry for key {GoSyntaxQuote(fieldName)}");
            }

            return Sentinel.Missing;
        }

        if (receiver is null)
        {
            throw Error($"nil pointer evaluating interface {{}}.{fieldName}");
        }

        var hasArgs = (args is not null && args.Count > 1) || !ReferenceEquals(final, Sentinel.NoFinal);
        switch (receiver)
        {
            case GoMap map:
                if (hasArgs)
                {
                    throw Error($"{fieldName} is not a method but has arguments");
                }

                staticType = map.ElemType;
                if (map.TryGetValue(key, out var result))
                {
                    return result;
                }

                return _options.MissingKey switch
                {
                    MissingKeyMode.Zero => GoValues.Zero(map.ElemType),
                    MissingKeyMode.Error => throw Error($"map has no entry for key {GoSyntaxQuote(fieldName)}"),
                    _ => Sentinel.Missing,
                };
            case IGoObject obj:
                {
                    var method = obj.GetMethod(fieldName);
                    if (method is not null)
                    {
                        return EvalCall(dot, method, false, node, fieldName, args, final);
                    }

                    if (obj.TryGetField(fieldName, out var value))
                    {
                        if (hasArgs)
                        {
                            throw Error($"{fieldName} has arguments but cannot be invoked as function");
                        }

                        return value;
                    }

                    break;
                }
        }

        var typeName = receiverType is { Kind: GoKind.Interface } ? receiverType.Name : GoValues.TypeName(receiver);
        throw Error($"can't evaluate field {fieldName} in type {typeName}");
    }

    private object? EvalFunction(object? dot, IdentifierNode node, Node cmd, List<Node>? args, object? final)
    {
        At(node);
        return EvalCall(dot, node.Function!, node.IsBuiltin, cmd, node.Ident, args, final);
    }

    private object? EvalCall(object? dot, GoFunction fun, bool isBuiltin, Node node, string name, List<Node>? args, object? final)
    {
        var argCount = args is null ? 0 : args.Count - 1;
        var hasFinal = !ReferenceEquals(final, Sentinel.NoFinal);
        var numIn = argCount + (hasFinal ? 1 : 0);
        var numFixed = argCount;
        var parameters = fun.Parameters;
        if (fun.IsVariadic)
        {
            numFixed = parameters.Count;
            if (numIn < numFixed)
            {
                throw Error($"wrong number of args for {name}: want at least {parameters.Count} got {argCount}");
            }
        }
        else if (numIn != parameters.Count)
        {
            throw Error($"wrong number of args for {name}: want {parameters.Count} got {numIn}");
        }

        if (isBuiltin && (name is "and" or "or"))
        {
            object? v = null;
            for (var k = 0; k < argCount; k++)
            {
                v = EvalArg(dot, Builtins.ReflectValue, args![k + 1]);
                if (IsTrueValue(v) == (name == "or"))
                {
                    return v;
                }
            }

            if (hasFinal)
            {
                v = final;
            }

            return v;
        }

        // Arguments live on a per-executor stack: functions get a span and may not keep it (CONTRACT.md).
        var argBase = _argTop;
        if (_argStack.Length < argBase + numIn)
        {
            Array.Resize(ref _argStack, Math.Max(_argStack.Length * 2, argBase + numIn));
        }

        _argTop = argBase + numIn;
        var argv = _argStack.AsSpan(argBase, numIn);
        var i = 0;
        for (; i < numFixed && i < argCount; i++)
        {
            argv[i] = EvalArg(dot, parameters[i], args![i + 1]);
        }

        // Go's builtin slice does not look through interfaces for its indexes (funcs.go indexArg):
        // an index read from a map[string]interface{} is "interface {}" even when it holds an int.
        var markInterfaceIndexes = isBuiltin && name == "slice";
        if (fun.IsVariadic)
        {
            for (; i < argCount; i++)
            {
                argv[i] = EvalArg(dot, fun.Variadic, args![i + 1]);
                if (markInterfaceIndexes && _lastArgStatic is { Kind: GoKind.Interface } && argv[i] is not Sentinel)
                {
                    argv[i] = new InterfaceIndex(argv[i]);
                }
            }
        }

        if (hasFinal)
        {
            GoType t;
            if (fun.IsVariadic)
            {
                t = numIn - 1 < numFixed ? parameters[numIn - 1] : fun.Variadic!;
            }
            else
            {
                t = parameters[^1];
            }

            argv[i] = ValidateType(final, t);
        }

        GoResult result;
        try
        {
            result = fun.Body(_ctx, argv);
        }
        catch (TemplateLimitException e)
        {
            At(node);
            throw Limit(e.Message);
        }
        catch (TemplateException)
        {
            throw;
        }
        catch (InsufficientExecutionStackException)
        {
            throw;
        }
#pragma warning disable CA1031 // A Go panic inside a function becomes "error calling NAME: …" (exec.go safeCall).
        catch (Exception e)
#pragma warning restore CA1031
        {
            At(node);
            throw new TemplateExecException(Format($"error calling {name}: {e.Message}"), Format(WithheldCallError(name, isBuiltin, e.Message)), e);
        }
        finally
        {
            argv.Clear();
            _argTop = argBase;
        }

        if (result.IsError)
        {
            At(node);
            throw Error($"error calling {name}: {result.Error}", WithheldCallError(name, isBuiltin, result.Error!));
        }

        var value = result.Value is string text ? GoString.FromUtf8(text) : result.Value;
        if (value is GoString { Length: var length } && length > _maxOutput)
        {
            At(node);
            throw Limit($"{name} returned {length} bytes, more than the limit of {_maxOutput} bytes");
        }

        Tick();
        return value;
    }

    /// <summary>
    /// A function error for <see cref="TemplateException.SafeMessage"/>: Go's builtins report
    /// positions and types, except eq/ne's "non-comparable" (quotes values) and index/slice's range
    /// errors (quote integers that may come from data), which are cut to their fixed text; other
    /// functions may echo their (secret) input, so their text is withheld.
    /// </summary>
    private static readonly (string Prefix, string Safe)[] ValueQuotingBuiltinErrors =
    [
        ("non-comparable", "non-comparable values"),
        ("index out of range", "index out of range"),
        ("invalid slice index", "invalid slice index"),
    ];

    private static string WithheldCallError(string name, bool isBuiltin, string error)
    {
        if (isBuiltin)
        {
            // index/slice quote the offending integer, which may come from data ({{ index .list .n }}).
            foreach (var (prefix, safe) in ValueQuotingBuiltinErrors)
            {
                if (error.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return $"error calling {name}: {safe}";
                }
            }

            return $"error calling {name}: {error}";
        }

        return $"error calling {name}: details withheld (they may contain secret data)";
    }

    private static bool CanBeNil(GoType t) => t.Kind is GoKind.Interface or GoKind.Map or GoKind.Slice or GoKind.Pointer or GoKind.Func;

    private object? ValidateType(object? value, GoType? typ)
    {
        if (typ is null || ReferenceEquals(typ, Builtins.ReflectValue))
        {
            return value;
        }

        if (value is Sentinel)
        {
            if (CanBeNil(typ))
            {
                return GoValues.Zero(typ);
            }

            throw Error($"invalid value; expected {typ.Name}");
        }

        if (typ.Kind == GoKind.Interface)
        {
            return value;
        }

        if (value is null)
        {
            throw Error($"wrong type for value; expected {typ.Name}; got interface {{}}");
        }

        var actual = GoValues.TypeOf(value);
        if (!ReferenceEquals(actual, typ))
        {
            throw Error($"wrong type for value; expected {typ.Name}; got {actual!.Name}");
        }

        return value;
    }

    private object? EvalArg(object? dot, GoType? typ, Node n)
    {
        At(n);
        _lastArgStatic = null;
        switch (n)
        {
            case DotNode:
                _lastArgStatic = _dotStatic;
                return ValidateType(dot, typ);
            case NilNode:
                if (typ is null || ReferenceEquals(typ, Builtins.ReflectValue))
                {
                    return Sentinel.Missing;
                }

                if (CanBeNil(typ))
                {
                    return GoValues.Zero(typ);
                }

                throw Error($"cannot assign nil to {typ.Name}");
            case FieldNode field:
                {
                    var value = EvalFieldNode(dot, field, [n], Sentinel.NoFinal);
                    _lastArgStatic = _lastFieldStatic;
                    return ValidateType(value, typ);
                }

            case VariableNode variable:
                {
                    var value = EvalVariableNode(dot, variable, null, Sentinel.NoFinal);
                    _lastArgStatic = variable.Ident.Length == 1 ? VarEntry(variable.Ident[0]).Static : _lastFieldStatic;
                    return ValidateType(value, typ);
                }
            case PipeNode pipe:
                {
                    var value = EvalPipeline(dot, pipe);
                    _lastArgStatic = null;
                    return ValidateType(value, typ);
                }
            case IdentifierNode id:
                {
                    var value = EvalFunction(dot, id, id, null, Sentinel.NoFinal);
                    _lastArgStatic = id.Function!.Result.Kind == GoKind.Interface ? id.Function.Result : null;
                    return ValidateType(value, typ);
                }

            case ChainNode chain:
                {
                    var value = EvalChainNode(dot, chain, null, Sentinel.NoFinal);
                    _lastArgStatic = _lastFieldStatic;
                    return ValidateType(value, typ);
                }
        }

        if (typ is null)
        {
            throw Error($"can't handle {n} for arg of type <nil>");
        }

        if (ReferenceEquals(typ, Builtins.ReflectValue) || typ.Kind == GoKind.Interface)
        {
            return EvalEmptyInterface(dot, n);
        }

        switch (typ.Kind)
        {
            case GoKind.Bool:
                if (n is BoolNode b)
                {
                    return GoValues.Box(b.True);
                }

                throw Error($"expected bool; found {n}");
            case GoKind.String:
                if (n is StringNode s)
                {
                    return s.Text;
                }

                throw Error($"expected string; found {n}");
            case GoKind.Int or GoKind.Int64:
                if (n is NumberNode { IsInt: true } i)
                {
                    return typ.Kind == GoKind.Int ? i.Int64 : new GoInt64(i.Int64);
                }

                throw Error($"expected integer; found {n}");
            case GoKind.Uint64:
                if (n is NumberNode { IsUint: true } u)
                {
                    return u.Uint64;
                }

                throw Error($"expected unsigned integer; found {n}");
            case GoKind.Float64:
                if (n is NumberNode { IsFloat: true } f)
                {
                    return f.Float64;
                }

                throw Error($"expected float; found {n}");
        }

        throw Error($"can't handle {n} for arg of type {typ.Name}");
    }

    private object? EvalEmptyInterface(object? dot, Node n)
    {
        At(n);
        return n switch
        {
            BoolNode b => GoValues.Box(b.True),
            NumberNode num => IdealConstant(num),
            StringNode s => s.Text,
            _ => throw Error($"can't handle assignment of {n} to empty interface argument"),
        };
    }
}
