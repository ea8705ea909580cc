using System.Globalization;
using System.Text;
using ExternalSecrets.Templating.Execution;
using ExternalSecrets.Templating.Functions;
using ExternalSecrets.Templating.Parsing.Nodes;
using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating.Parsing;

/// <summary>
/// Recursive-descent parser following Go's <c>text/template/parse</c> grammar and error messages
/// (<c>template: NAME:LINE: …</c>). One instance parses one text; <c>define</c> and <c>block</c>
/// bodies become further trees in the same set. Functions are resolved at parse time, as in Go.
/// </summary>
internal sealed partial class Parser
{
    private readonly byte[] _text;
    private readonly List<Token> _tokens;
    private readonly FuncMap? _funcs;
    private readonly Dictionary<string, Tree> _treeSet;
    private readonly TemplateSource _source;
    private readonly int _maxDepth;
    private int _index;
    private int _fetched = -1;
    private int _depth;

    // Per-tree state (Go's Tree fields); saved and restored around define/block bodies.
    private List<string> _vars = ["$"];
    private int _rangeDepth;
    private int _actionLine;

    private Parser(string name, byte[] text, TemplateOptions options, Dictionary<string, Tree> treeSet)
    {
        _text = text;
        _funcs = options.Funcs;
        _treeSet = treeSet;
        _source = new TemplateSource(text, name);
        _maxDepth = options.Limits.MaxParseDepth;
        var breakOk = !HasFunction("break");
        var continueOk = !HasFunction("continue");
        _tokens = new Lexer(text, Encoding.UTF8.GetBytes(options.LeftDelimiter), Encoding.UTF8.GetBytes(options.RightDelimiter), breakOk, continueOk).Run();
    }

    /// <summary>Parses <paramref name="text"/> as template <paramref name="name"/>, adding it and its definitions to <paramref name="treeSet"/>.</summary>
    public static void Parse(string name, byte[] text, TemplateOptions options, Dictionary<string, Tree> treeSet)
    {
        var parser = new Parser(name, text, options, treeSet);
        try
        {
            parser.ParseTop(name);
        }
        catch (TemplateSyntaxException e)
        {
            throw new TemplateParseException(e.Message);
        }
    }

    private Token Next()
    {
        var t = _tokens[Math.Min(_index, _tokens.Count - 1)];
        if (_index > _fetched)
        {
            _fetched = _index;
        }

        _index++;
        return t;
    }

    private void Backup() => _index--;

    private Token Peek()
    {
        if (_index > _fetched)
        {
            _fetched = _index;
        }

        return _tokens[Math.Min(_index, _tokens.Count - 1)];
    }

    private Token NextNonSpace()
    {
        Token t;
        do
        {
            t = Next();
        }
        while (t.Kind == TokenKind.Space);
        return t;
    }

    private Token PeekNonSpace()
    {
        var t = NextNonSpace();
        Backup();
        return t;
    }

    private string Val(Token t) => t.Text(_text);

    private TemplateSyntaxException Error(string message)
    {
        var line = _tokens[Math.Clamp(_fetched, 0, _tokens.Count - 1)].Line;
        return new TemplateSyntaxException($"template: {_source.ParseName}:{line}: {message}");
    }

    private TemplateSyntaxException Unexpected(Token token, string context)
    {
        if (token.Kind == TokenKind.Error)
        {
            var extra = string.Empty;
            if (_actionLine != 0 && _actionLine != token.Line)
            {
                extra = $" in action started at {_source.ParseName}:{_actionLine}";
                if (token.ErrorMessage!.EndsWith(" action", StringComparison.Ordinal))
                {
                    extra = extra[" in action".Length..];
                }
            }

            return Error(token.ErrorMessage + extra);
        }

        return Error($"unexpected {token.Describe(_text)} in {context}");
    }

    private Token Expect(TokenKind expected, string context)
    {
        var token = NextNonSpace();
        if (token.Kind != expected)
        {
            throw Unexpected(token, context);
        }

        return token;
    }

    private Token ExpectOneOf(TokenKind a, TokenKind b, string context)
    {
        var token = NextNonSpace();
        if (token.Kind != a && token.Kind != b)
        {
            throw Unexpected(token, context);
        }

        return token;
    }

    private bool HasFunction(string name) =>
        (_funcs is not null && _funcs.Contains(name)) || Builtins.Functions.Contains(name);

    private void AddTree(string name, ListNode root)
    {
        if (!_treeSet.TryGetValue(name, out var existing) || Tree.IsEmpty(existing.Root))
        {
            _treeSet[name] = new Tree(name, _source, root);
            return;
        }

        if (!Tree.IsEmpty(root))
        {
            throw Error($"template: multiple definition of template {Quote(name)}");
        }
    }

    private static string Quote(string s) => GoSyntax.QuoteForMessage(s, -1);

    private void ParseTop(string name)
    {
        var root = new ListNode(Peek().Pos, _source);
        while (Peek().Kind != TokenKind.Eof)
        {
            if (Peek().Kind == TokenKind.LeftDelim)
            {
                var delimIndex = _index;
                Next();
                if (NextNonSpace().Kind == TokenKind.Define)
                {
                    ParseDefinition();
                    continue;
                }

                _index = delimIndex;
            }

            var n = TextOrAction();
            if (n.Type is NodeType.End or NodeType.Else)
            {
                throw Error($"unexpected {n}");
            }

            root.Nodes.Add(n);
        }

        AddTree(name, root);
    }

    /// <summary>Runs <paramref name="body"/> with fresh per-tree state, as Go does for a new Tree sharing the lexer.</summary>
    private T WithNewTreeState<T>(Func<T> body)
    {
        var (vars, rangeDepth, actionLine) = (_vars, _rangeDepth, _actionLine);
        _vars = ["$"];
        _rangeDepth = 0;
        _actionLine = 0;
        try
        {
            return body();
        }
        finally
        {
            (_vars, _rangeDepth, _actionLine) = (vars, rangeDepth, actionLine);
        }
    }

    private void ParseDefinition()
    {
        const string context = "define clause";
        var nameToken = ExpectOneOf(TokenKind.String, TokenKind.RawString, context);
        var name = UnquoteName(nameToken);
        Expect(TokenKind.RightDelim, context);
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
    }

    private string UnquoteName(Token token)
    {
        if (!GoUnquote.TryUnquote(_text.AsSpan(token.Pos, token.Length), out var s))
        {
            throw Error("invalid syntax");
        }

        return s.ToUtf8String();
    }

    private (ListNode List, Node Next) ItemList()
    {
        var list = new ListNode(PeekNonSpace().Pos, _source);
        while (PeekNonSpace().Kind != TokenKind.Eof)
        {
            var n = TextOrAction();
            if (n.Type is NodeType.End or NodeType.Else)
            {
                return (list, n);
            }

            list.Nodes.Add(n);
        }

        throw Error("unexpected EOF");
    }

    private Node TextOrAction()
    {
        var token = NextNonSpace();
        switch (token.Kind)
        {
            case TokenKind.Text:
                return new TextNode(token.Pos, _source, _text.AsSpan(token.Pos, token.Length).ToArray());
            case TokenKind.LeftDelim:
                _actionLine = token.Line;
                try
                {
                    return Action();
                }
                finally
                {
                    _actionLine = 0;
                }

            default:
                throw Unexpected(token, "input");
        }
    }

    private Node Action()
    {
        var token = NextNonSpace();
        switch (token.Kind)
        {
            case TokenKind.Block:
                return BlockControl();
            case TokenKind.Break:
                return BreakOrContinue(token, "{{break}}", isBreak: true);
            case TokenKind.Continue:
                return BreakOrContinue(token, "{{continue}}", isBreak: false);
            case TokenKind.Else:
                return ElseControl();
            case TokenKind.End:
                return new MarkerNode(NodeType.End, Expect(TokenKind.RightDelim, "end").Pos, token.Line, _source);
            case TokenKind.If:
                return IfControl();
            case TokenKind.Range:
                return RangeControl();
            case TokenKind.Template:
                return TemplateControl();
            case TokenKind.With:
                return WithControl();
        }

        Backup();
        var start = Peek();
        return new ActionNode(start.Pos, start.Line, _source, Pipeline("command", TokenKind.RightDelim));
    }

    private Node BreakOrContinue(Token keyword, string context, bool isBreak)
    {
        var token = NextNonSpace();
        if (token.Kind != TokenKind.RightDelim)
        {
            throw Unexpected(token, context);
        }

        if (_rangeDepth == 0)
        {
            throw Error($"{context} outside {{{{range}}}}");
        }

        return isBreak ? new BreakNode(keyword.Pos, keyword.Line, _source) : new ContinueNode(keyword.Pos, keyword.Line, _source);
    }

    private MarkerNode ElseControl()
    {
        var peek = PeekNonSpace();
        if (peek.Kind is TokenKind.If or TokenKind.With)
        {
            // "else if" / "else with": leave the keyword pending for ParseControl.
            return new MarkerNode(NodeType.Else, peek.Pos, peek.Line, _source);
        }

        var token = Expect(TokenKind.RightDelim, "else");
        return new MarkerNode(NodeType.Else, token.Pos, token.Line, _source);
    }
}
