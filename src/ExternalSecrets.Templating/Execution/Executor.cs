using System.Runtime.CompilerServices;
using ExternalSecrets.Templating.Formatting;
using ExternalSecrets.Templating.Functions;
using ExternalSecrets.Templating.Parsing;
using ExternalSecrets.Templating.Parsing.Nodes;
using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating.Execution;

/// <summary>
/// Walks a parse tree with Go's <c>text/template</c> execution semantics (exec.go): variable scopes,
/// truthiness, range order, missingkey handling, argument typing and Go's error texts — plus the
/// limits in <see cref="TemplateLimits"/>.
/// </summary>
internal sealed partial class Executor
{
    private readonly FunctionContext _ctx = new(TemplateLimits.Default, TimeProvider.System, CancellationToken.None);
    private readonly List<(string Name, object? Value, GoType? Static)> _vars = new(16);

    // Go keeps interface-typed values (elements of []interface{} and map[string]interface{}) as such
    // in dot and range variables; error texts then name "interface {}". Track that static type.
    private GoType? _dotStatic;
    private GoType? _lastFieldStatic;
    private GoType? _lastArgStatic;
    private IReadOnlyDictionary<string, Tree> _trees = null!;
    private TemplateOptions _options = null!;
    private GoStringBuilder _out = null!;
    private long _maxOutput;
    private Tree _tree = null!;
    private Node? _node;
    private int _depth;
    private int _budgetTick;
    private object?[] _argStack = new object?[32];
    private int _argTop;

    [ThreadStatic]
    private static Executor? t_cached;

    /// <summary>
    /// Runs one execution on a per-thread pooled executor (a new one if this thread is already
    /// executing, e.g. a function that renders another template). Per-execution state is reset and
    /// references to data are cleared afterwards, so no secret stays reachable from the pool.
    /// </summary>
    public static void Run(IReadOnlyDictionary<string, Tree> trees, Tree tree, TemplateOptions options, GoStringBuilder output, object? data, CancellationToken ct)
    {
        var executor = t_cached ?? new Executor();
        t_cached = null;
        try
        {
            executor._trees = trees;
            executor._tree = tree;
            executor._options = options;
            executor._out = output;
            executor._maxOutput = options.Limits.MaxOutputBytes;
            executor._node = null;
            executor._depth = 0;
            executor._budgetTick = 0;
            executor._dotStatic = null;
            executor._ctx.Reset(options.Limits, options.TimeProvider, ct);
            executor.Execute(data);
        }
        finally
        {
            executor._vars.Clear();
            Array.Clear(executor._argStack, 0, executor._argStack.Length);
            executor._argTop = 0;
            executor._trees = null!;
            executor._tree = null!;
            executor._out = null!;
            executor._node = null;
            t_cached = executor;
        }
    }

    private void Execute(object? data)
    {
        var dot = data ?? Sentinel.Missing;
        _vars.Add(("$", dot, null));
        try
        {
            Walk(dot, _tree.Root);
        }
        catch (InsufficientExecutionStackException)
        {
            throw Limit("template nesting is too deep for the execution stack");
        }
    }

    private void At(Node node) => _node = node;

    private TemplateExecException Error(string message) => new(Format(message));

    /// <summary>An error whose Go text quotes data; <paramref name="safe"/> is the same error without it.</summary>
    private TemplateExecException Error(string message, string safe) => new(Format(message), Format(safe), null);

    private TemplateLimitException Limit(string message) => new(Format(message));

    private string Format(string message)
    {
        var name = GoQuote.Quote(GoString.FromUtf8(_tree.Name)).ToString();
        if (_node is null)
        {
            return $"template: {name}: {message}";
        }

        var location = _node.Source.Location(_node.Pos);
        return $"template: {location}: executing {name} at <{_node}>: {message}";
    }

    private void CheckOutput()
    {
        if (_out.Length > _maxOutput)
        {
            throw Limit($"output exceeds the limit of {_maxOutput} bytes");
        }
    }

    private void Tick()
    {
        if ((++_budgetTick & 63) == 0)
        {
            try
            {
                _ctx.CheckBudget();
            }
            catch (TemplateLimitException e)
            {
                throw Limit(e.Message);
            }
        }
    }

    private Flow Walk(object? dot, Node node)
    {
        At(node);
        switch (node)
        {
            case TextNode text:
                _out.Append(text.Text);
                CheckOutput();
                return Flow.Normal;
            case ActionNode action:
                {
                    var val = EvalPipeline(dot, action.Pipe);
                    if (action.Pipe.Decl.Count == 0)
                    {
                        PrintValue(action, val);
                    }

                    return Flow.Normal;
                }

            case ListNode list:
                foreach (var n in list.Nodes)
                {
                    var flow = Walk(dot, n);
                    if (flow != Flow.Normal)
                    {
                        return flow;
                    }
                }

                return Flow.Normal;
            case IfNode ifNode:
                return WalkIfOrWith(isWith: false, dot, ifNode);
            case WithNode withNode:
                return WalkIfOrWith(isWith: true, dot, withNode);
            case RangeNode range:
                return WalkRange(dot, range);
            case TemplateNode template:
                WalkTemplate(dot, template);
                return Flow.Normal;
            case BreakNode:
                return Flow.Break;
            case ContinueNode:
                return Flow.Continue;
            default:
                throw Error($"unknown node: {node}");
        }
    }

    private Flow WalkIfOrWith(bool isWith, object? dot, BranchNode node)
    {
        var mark = _vars.Count;
        try
        {
            var val = EvalPipeline(dot, node.Pipe);
            if (IsTrueValue(val))
            {
                if (!isWith)
                {
                    return Walk(dot, node.List);
                }

                var savedStatic = _dotStatic;
                _dotStatic = null;
                try
                {
                    return Walk(val, node.List);
                }
                finally
                {
                    _dotStatic = savedStatic;
                }
            }

            if (node.ElseList is not null)
            {
                return Walk(dot, node.ElseList);
            }

            return Flow.Normal;
        }
        finally
        {
            Pop(mark);
        }
    }

    private static bool IsTrueValue(object? val) => val is not Sentinel && GoValues.IsTrue(val);

    private Flow WalkRange(object? dot, RangeNode r)
    {
        At(r);
        var outerMark = _vars.Count;
        try
        {
            var val = EvalPipeline(dot, r.Pipe);
            var mark = _vars.Count;
            var iterations = 0L;
            switch (val)
            {
                case GoList list:
                    for (var i = 0; i < list.Count; i++)
                    {
                        iterations++;
                        if (OneIteration(r, (long)i, list[i], list.ElemType, mark) == Flow.Break)
                        {
                            break;
                        }
                    }

                    break;
                case GoMap map:
                    foreach (var key in map.SortedKeys())
                    {
                        iterations++;
                        if (OneIteration(r, key, map[key], map.ElemType, mark) == Flow.Break)
                        {
                            break;
                        }
                    }

                    break;
                case long or GoInt64 or ulong or byte:
                    {
                        if (r.Pipe.Decl.Count > 1)
                        {
                            throw Error(
                                $"can't use {GoFmt.Sprint(val)} to iterate over more than one variable",
                                $"can't use a value of type {GoValues.TypeName(val)} to iterate over more than one variable");
                        }

                        GoValues.TryGetInteger(val, out var n);
                        for (var i = 0L; i < n; i++)
                        {
                            iterations++;
                            object elem = val switch
                            {
                                GoInt64 => new GoInt64(i),
                                ulong => (ulong)i,
                                byte => (byte)i,
                                _ => i,
                            };
                            if (OneIteration(r, elem, elem, null, mark) == Flow.Break)
                            {
                                break;
                            }
                        }

                        break;
                    }

                case Sentinel or null:
                    break;
                default:
                    throw Error($"range can't iterate over {GoFmt.Sprint(val)}", $"range can't iterate over a value of type {GoValues.TypeName(val)}");
            }

            if (iterations == 0 && r.ElseList is not null)
            {
                return Walk(dot, r.ElseList);
            }

            return Flow.Normal;
        }
        finally
        {
            Pop(outerMark);
        }
    }

    private Flow OneIteration(RangeNode r, object? index, object? elem, GoType? elemType, int mark)
    {
        try
        {
            _ctx.CountIterations(1);
        }
        catch (TemplateLimitException e)
        {
            throw Limit(e.Message);
        }

        Tick();
        var decl = r.Pipe.Decl;
        if (decl.Count > 0)
        {
            if (r.Pipe.IsAssign)
            {
                SetVar(decl[0].Ident[0], decl.Count > 1 ? index : elem, decl.Count > 1 ? null : elemType);
            }
            else
            {
                SetTopVar(1, elem, elemType);
            }
        }

        if (decl.Count > 1)
        {
            if (r.Pipe.IsAssign)
            {
                SetVar(decl[1].Ident[0], elem, elemType);
            }
            else
            {
                SetTopVar(2, index, null);
            }
        }

        var savedStatic = _dotStatic;
        _dotStatic = elemType is { Kind: GoKind.Interface } ? elemType : null;
        try
        {
            var flow = Walk(elem, r.List);
            return flow == Flow.Break ? Flow.Break : Flow.Normal;
        }
        finally
        {
            _dotStatic = savedStatic;
            Pop(mark);
        }
    }

    private void WalkTemplate(object? dot, TemplateNode t)
    {
        At(t);
        if (!_trees.TryGetValue(t.Name, out var tree))
        {
            throw Error($"template {GoQuote.Quote(GoString.FromUtf8(t.Name))} not defined");
        }

        if (_depth >= _options.Limits.MaxTemplateDepth)
        {
            throw Limit($"exceeded maximum template depth ({_options.Limits.MaxTemplateDepth})");
        }

        RuntimeHelpers.EnsureSufficientExecutionStack();
        Tick();
        var newDot = EvalPipeline(dot, t.Pipe);
        var savedTree = _tree;
        var savedVars = _vars.ToArray();
        _vars.Clear();
        _vars.Add(("$", newDot, null));
        var savedStatic = _dotStatic;
        _dotStatic = null;
        _depth++;
        _tree = tree;
        try
        {
            Walk(newDot, tree.Root);
        }
        finally
        {
            _depth--;
            _dotStatic = savedStatic;
            _tree = savedTree;
            _vars.Clear();
            _vars.AddRange(savedVars);
        }
    }

    private void Push(string name, object? value) => _vars.Add((name, value, null));

    private void Pop(int mark)
    {
        if (_vars.Count > mark)
        {
            _vars.RemoveRange(mark, _vars.Count - mark);
        }
    }

    private void SetVar(string name, object? value, GoType? staticType = null)
    {
        for (var i = _vars.Count - 1; i >= 0; i--)
        {
            if (_vars[i].Name == name)
            {
                _vars[i] = (name, value, staticType is { Kind: GoKind.Interface } ? staticType : null);
                return;
            }
        }

        throw Error($"undefined variable: {name}");
    }

    private void SetTopVar(int n, object? value, GoType? staticType)
    {
        var i = _vars.Count - n;
        _vars[i] = (_vars[i].Name, value, staticType is { Kind: GoKind.Interface } ? staticType : null);
    }

    private object? VarValue(string name) => VarEntry(name).Value;

    private (string Name, object? Value, GoType? Static) VarEntry(string name)
    {
        for (var i = _vars.Count - 1; i >= 0; i--)
        {
            if (_vars[i].Name == name)
            {
                return _vars[i];
            }
        }

        throw Error($"undefined variable: {name}");
    }

    private void PrintValue(Node node, object? value)
    {
        At(node);
        switch (value)
        {
            case GoString s:
                _out.Append(s);
                break;
            case Sentinel or null:
                _out.Append("<no value>"u8);
                break;
            case GoFunction f:
                throw Error($"can't print {node} of type {f.GoTypeName()}");
            default:
                GoFmt.AppendValue(_out, value);
                break;
        }

        CheckOutput();
    }
}
