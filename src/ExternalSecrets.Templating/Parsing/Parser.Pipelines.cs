using System.Text;
using ExternalSecrets.Templating.Execution;
using ExternalSecrets.Templating.Parsing.Nodes;

namespace ExternalSecrets.Templating.Parsing;

internal sealed partial class Parser
{
    private (int Pos, int Line, PipeNode Pipe, ListNode List, ListNode? ElseList) ParseControl(string context)
    {
        var varCount = _vars.Count;
        if (++_depth > _maxDepth)
        {
            throw Error("max expression depth exceeded");
        }

        try
        {
            var pipe = Pipeline(context, TokenKind.RightDelim);
            if (context == "range")
            {
                _rangeDepth++;
            }

            var (list, next) = ItemList();
            if (context == "range")
            {
                _rangeDepth--;
            }

            ListNode? elseList = null;
            if (next.Type == NodeType.Else)
            {
                // "else if" and "else with" are sugar for a nested if/with ending at the same {{end}}.
                if (context == "if" && Peek().Kind == TokenKind.If)
                {
                    Next();
                    elseList = new ListNode(next.Pos, _source);
                    elseList.Nodes.Add(IfControl());
                }
                else if (context == "with" && Peek().Kind == TokenKind.With)
                {
                    Next();
                    elseList = new ListNode(next.Pos, _source);
                    elseList.Nodes.Add(WithControl());
                }
                else
                {
                    (elseList, next) = ItemList();
                    if (next.Type != NodeType.End)
                    {
                        throw Error($"expected end; found {next}");
                    }
                }
            }

            return (pipe.Pos, pipe.Line, pipe, list, elseList);
        }
        finally
        {
            _depth--;
            _vars.RemoveRange(varCount, _vars.Count - varCount);
        }
    }

    private IfNode IfControl()
    {
        var (pos, line, pipe, list, elseList) = ParseControl("if");
        return new IfNode(pos, line, _source, pipe, list, elseList);
    }

    private RangeNode RangeControl()
    {
        var (pos, line, pipe, list, elseList) = ParseControl("range");
        return new RangeNode(pos, line, _source, pipe, list, elseList);
    }

    private WithNode WithControl()
    {
        var (pos, line, pipe, list, elseList) = ParseControl("with");
        return new WithNode(pos, line, _source, pipe, list, elseList);
    }

    private TemplateNode BlockControl()
    {
        const string context = "block clause";
        var token = NextNonSpace();
        var name = ParseTemplateName(token, context);
        var pipe = Pipeline(context, TokenKind.RightDelim);
        WithNewTreeState(() =>
        {
            var (root, end) = ItemList();
            if (end.Type != NodeType.End)
            {
                throw Error($"unexpected {end} in {context}");
            }

            AddTree(name, root);
            return 0;
        });
        return new TemplateNode(token.Pos, token.Line, _source, name, pipe);
    }

    private TemplateNode TemplateControl()
    {
        const string context = "template clause";
        var token = NextNonSpace();
        var name = ParseTemplateName(token, context);
        PipeNode? pipe = null;
        if (NextNonSpace().Kind != TokenKind.RightDelim)
        {
            Backup();
            pipe = Pipeline(context, TokenKind.RightDelim);
        }

        return new TemplateNode(token.Pos, token.Line, _source, name, pipe);
    }

    private string ParseTemplateName(Token token, string context)
    {
        if (token.Kind is TokenKind.String or TokenKind.RawString)
        {
            return UnquoteName(token);
        }

        throw Unexpected(token, context);
    }

    private PipeNode Pipeline(string context, TokenKind end)
    {
        if (++_depth > _maxDepth)
        {
            throw Error("max expression depth exceeded");
        }

        try
        {
            return PipelineBody(context, end);
        }
        finally
        {
            _depth--;
        }
    }

    private PipeNode PipelineBody(string context, TokenKind end)
    {
        var first = PeekNonSpace();
        var pipe = new PipeNode(first.Pos, first.Line, _source);
        Decls:
        var v = PeekNonSpace();
        if (v.Kind == TokenKind.Variable)
        {
            var vIndex = _index;
            Next();
            var next = PeekNonSpace();
            if (next.Kind is TokenKind.Assign or TokenKind.Declare)
            {
                pipe.IsAssign = next.Kind == TokenKind.Assign;
                NextNonSpace();
                pipe.Decl.Add(new VariableNode(v.Pos, _source, Val(v)));
                _vars.Add(Val(v));
            }
            else if (next.Kind == TokenKind.Char && Val(next) == ",")
            {
                NextNonSpace();
                pipe.Decl.Add(new VariableNode(v.Pos, _source, Val(v)));
                _vars.Add(Val(v));
                if (context == "range" && pipe.Decl.Count < 2)
                {
                    switch (PeekNonSpace().Kind)
                    {
                        case TokenKind.Variable or TokenKind.RightDelim or TokenKind.RightParen:
                            goto Decls;
                        default:
                            throw Error("range can only initialize variables");
                    }
                }

                throw Error($"too many declarations in {context}");
            }
            else
            {
                // Not a declaration: push the variable (and any space after it) back.
                _index = vIndex;
            }
        }

        while (true)
        {
            var token = NextNonSpace();
            if (token.Kind == end)
            {
                CheckPipeline(pipe, context);
                return pipe;
            }

            switch (token.Kind)
            {
                case TokenKind.Bool or TokenKind.CharConstant or TokenKind.Complex or TokenKind.Dot or TokenKind.Field
                    or TokenKind.Identifier or TokenKind.Number or TokenKind.Nil or TokenKind.RawString or TokenKind.String
                    or TokenKind.Variable or TokenKind.LeftParen:
                    Backup();
                    pipe.Cmds.Add(Command());
                    break;
                default:
                    throw Unexpected(token, context);
            }
        }
    }

    private void CheckPipeline(PipeNode pipe, string context)
    {
        if (pipe.Cmds.Count == 0)
        {
            throw Error($"missing value for {context}");
        }

        for (var i = 1; i < pipe.Cmds.Count; i++)
        {
            if (pipe.Cmds[i].Args[0].Type is NodeType.Bool or NodeType.Dot or NodeType.Nil or NodeType.Number or NodeType.String)
            {
                throw Error($"non executable command in pipeline stage {i + 1}");
            }
        }
    }

    private CommandNode Command()
    {
        var cmd = new CommandNode(PeekNonSpace().Pos, _source);
        while (true)
        {
            PeekNonSpace();
            var operand = Operand();
            if (operand is not null)
            {
                cmd.Args.Add(operand);
            }

            var token = Next();
            if (token.Kind == TokenKind.Space)
            {
                continue;
            }

            if (token.Kind is TokenKind.RightDelim or TokenKind.RightParen)
            {
                Backup();
            }
            else if (token.Kind != TokenKind.Pipe)
            {
                throw Unexpected(token, "operand");
            }

            break;
        }

        if (cmd.Args.Count == 0)
        {
            throw Error("empty command");
        }

        return cmd;
    }

    private Node? Operand()
    {
        var node = Term();
        if (node is null)
        {
            return null;
        }

        if (Peek().Kind == TokenKind.Field)
        {
            var chain = new ChainNode(Peek().Pos, _source, node);
            while (Peek().Kind == TokenKind.Field)
            {
                chain.Add(Val(Next()));
            }

            switch (node.Type)
            {
                case NodeType.Field:
                    node = new FieldNode(chain.Pos, _source, chain.ToString());
                    break;
                case NodeType.Variable:
                    node = new VariableNode(chain.Pos, _source, chain.ToString());
                    break;
                case NodeType.Bool or NodeType.String or NodeType.Number or NodeType.Nil or NodeType.Dot:
                    throw Error($"unexpected . after term {Quote(node.ToString())}");
                default:
                    node = chain;
                    break;
            }
        }

        return node;
    }

    private Node? Term()
    {
        var token = NextNonSpace();
        switch (token.Kind)
        {
            case TokenKind.Identifier:
                {
                    var name = Val(token);
                    if (_funcs is not null && _funcs.TryGet(name, out var f))
                    {
                        return new IdentifierNode(token.Pos, _source, name, f, isBuiltin: false);
                    }

                    if (Builtins.Functions.TryGet(name, out var b))
                    {
                        return new IdentifierNode(token.Pos, _source, name, b, isBuiltin: true);
                    }

                    throw Error($"function {Quote(name)} not defined");
                }

            case TokenKind.Dot:
                return new DotNode(token.Pos, _source);
            case TokenKind.Nil:
                return new NilNode(token.Pos, _source);
            case TokenKind.Variable:
                return UseVar(token.Pos, Val(token));
            case TokenKind.Field:
                return new FieldNode(token.Pos, _source, Val(token));
            case TokenKind.Bool:
                return new BoolNode(token.Pos, _source, Val(token) == "true");
            case TokenKind.CharConstant or TokenKind.Complex or TokenKind.Number:
                return NewNumber(token);
            case TokenKind.LeftParen:
                return Pipeline("parenthesized pipeline", TokenKind.RightParen);
            case TokenKind.String or TokenKind.RawString:
                {
                    if (!GoUnquote.TryUnquote(_text.AsSpan(token.Pos, token.Length), out var s))
                    {
                        throw Error("invalid syntax");
                    }

                    return new StringNode(token.Pos, _source, Val(token), s);
                }
        }

        Backup();
        return null;
    }

    private VariableNode UseVar(int pos, string name)
    {
        var v = new VariableNode(pos, _source, name);
        if (_vars.Contains(v.Ident[0]))
        {
            return v;
        }

        throw Error($"undefined variable {Quote(v.Ident[0])}");
    }

    private NumberNode NewNumber(Token token)
    {
        var text = Val(token);
        var n = new NumberNode(token.Pos, _source, text);
        if (token.Kind == TokenKind.CharConstant)
        {
            if (!GoUnquote.TryUnquoteRune(Encoding.UTF8.GetBytes(text), out var rune, out var malformed))
            {
                throw Error("invalid syntax");
            }

            if (malformed)
            {
                throw Error($"malformed character constant: {text}");
            }

            n.Int64 = rune;
            n.IsInt = true;
            n.Uint64 = (ulong)rune;
            n.IsUint = true;
            n.Float64 = rune;
            n.IsFloat = true;
            return n;
        }

        if (token.Kind == TokenKind.Complex)
        {
            ParseComplex(n, text);
            return n;
        }

        if (text.Length > 0 && text[^1] == 'i' && GoNumber.TryParseFloat(text[..^1], out var imag))
        {
            n.IsComplex = true;
            n.Imaginary = imag;
            SimplifyComplex(n);
            return n;
        }

        if (GoNumber.TryParseUint(text, out var u))
        {
            n.IsUint = true;
            n.Uint64 = u;
        }

        if (GoNumber.TryParseInt(text, out var i))
        {
            n.IsInt = true;
            n.Int64 = i;
            if (i == 0)
            {
                n.IsUint = true;
                n.Uint64 = u;
            }
        }

        if (n.IsInt)
        {
            n.IsFloat = true;
            n.Float64 = n.Int64;
        }
        else if (n.IsUint)
        {
            n.IsFloat = true;
            n.Float64 = n.Uint64;
        }
        else if (GoNumber.TryParseFloat(text, out var f))
        {
            if (text.IndexOfAny(['.', 'e', 'E', 'p', 'P']) < 0)
            {
                throw Error($"integer overflow: {Quote(text)}");
            }

            n.IsFloat = true;
            n.Float64 = f;
            if (!n.IsInt && Math.Floor(f) == f && f >= long.MinValue && f < 9.2233720368547758E18)
            {
                n.IsInt = true;
                n.Int64 = (long)f;
            }

            if (!n.IsUint && Math.Floor(f) == f && f >= 0 && f < 1.8446744073709552E19)
            {
                n.IsUint = true;
                n.Uint64 = (ulong)f;
            }
        }

        if (!n.IsInt && !n.IsUint && !n.IsFloat)
        {
            throw Error($"illegal number syntax: {Quote(text)}");
        }

        return n;
    }

    private void ParseComplex(NumberNode n, string text)
    {
        // "re+imi" or "re-imi" lexed as one token.
        var split = -1;
        for (var k = text.Length - 2; k > 0; k--)
        {
            if (text[k] is '+' or '-' && text[k - 1] is not ('e' or 'E' or 'p' or 'P'))
            {
                split = k;
                break;
            }
        }

        if (split < 0 || !GoNumber.TryParseFloat(text[..split], out var re) || !GoNumber.TryParseFloat(text[split..^1], out var im))
        {
            throw Error($"illegal number syntax: {Quote(text)}");
        }

        n.IsComplex = true;
        n.Real = re;
        n.Imaginary = im;
        SimplifyComplex(n);
    }

    private static void SimplifyComplex(NumberNode n)
    {
        n.IsFloat = n.Imaginary == 0;
        if (n.IsFloat)
        {
            n.Float64 = n.Real;
            n.IsInt = Math.Floor(n.Real) == n.Real && n.Real >= long.MinValue && n.Real < 9.2233720368547758E18;
            if (n.IsInt)
            {
                n.Int64 = (long)n.Real;
            }

            n.IsUint = Math.Floor(n.Real) == n.Real && n.Real >= 0 && n.Real < 1.8446744073709552E19;
            if (n.IsUint)
            {
                n.Uint64 = (ulong)n.Real;
            }
        }
    }
}
