using System.Buffers;
using System.Text;

namespace ExternalSecrets.Templating.Parsing;

/// <summary>
/// Go's template lexer as a loop over states (text, left delimiter, comment, inside action). Produces
/// the same item kinds, positions and lines as <c>text/template/parse</c>, stopping at the first
/// error item. Works on bytes: positions are byte offsets, as Go's error columns are.
/// </summary>
internal sealed class Lexer
{
    private const int Eof = -1;

    private readonly byte[] _input;
    private readonly byte[] _left;
    private readonly byte[] _right;
    private readonly bool _breakOk;
    private readonly bool _continueOk;
    private readonly List<Token> _items = [];
    private int _pos;
    private int _start;
    private int _line = 1;
    private int _startLine = 1;
    private int _parenDepth;
    private bool _atEof;
    private int _lastWidth;

    public Lexer(byte[] input, byte[] left, byte[] right, bool breakOk, bool continueOk)
    {
        _input = input;
        _left = left;
        _right = right;
        _breakOk = breakOk;
        _continueOk = continueOk;
    }

    private enum State
    {
        Done,
        Text,
        LeftDelim,
        Comment,
        RightDelim,
        InsideAction,
    }

    public List<Token> Run()
    {
        var state = State.Text;
        while (state != State.Done)
        {
            state = state switch
            {
                State.Text => LexText(),
                State.LeftDelim => LexLeftDelim(),
                State.Comment => LexComment(),
                State.RightDelim => LexRightDelim(),
                _ => LexInsideAction(),
            };
        }

        return _items;
    }

    private ReadOnlySpan<byte> Rest(int from) => from >= _input.Length ? [] : _input.AsSpan(from);

    private int Next()
    {
        if (_pos >= _input.Length)
        {
            _atEof = true;
            _lastWidth = 0;
            return Eof;
        }

        int r;
        var b = _input[_pos];
        if (b < 0x80)
        {
            r = b;
            _lastWidth = 1;
        }
        else
        {
            var status = Rune.DecodeFromUtf8(_input.AsSpan(_pos), out var rune, out var n);
            r = status == OperationStatus.Done ? rune.Value : 0xFFFD;
            _lastWidth = Math.Max(n, 1);
        }

        _pos += _lastWidth;
        if (r == '\n')
        {
            _line++;
        }

        return r;
    }

    private void Backup()
    {
        if (!_atEof && _pos > 0)
        {
            // Decode the last rune before _pos, as Go's utf8.DecodeLastRuneInString.
            var w = 1;
            if (_input[_pos - 1] >= 0x80)
            {
                var status = Rune.DecodeLastFromUtf8(_input.AsSpan(0, _pos), out _, out var n);
                w = status == OperationStatus.Done ? n : 1;
            }

            _pos -= w;
            if (_input[_pos] == '\n')
            {
                _line--;
            }
        }
    }

    private int Peek()
    {
        var r = Next();
        Backup();
        return r;
    }

    private void Emit(TokenKind kind)
    {
        _items.Add(new Token(kind, _start, _pos - _start, _startLine));
        _start = _pos;
        _startLine = _line;
    }

    private void Ignore()
    {
        _line += CountNewlines(_start, _pos);
        _start = _pos;
        _startLine = _line;
    }

    private State Errorf(string message)
    {
        _items.Add(new Token(TokenKind.Error, _start, 0, _startLine, message));
        return State.Done;
    }

    private int CountNewlines(int from, int to)
    {
        if (to <= from)
        {
            return 0;
        }

        return _input.AsSpan(from, to - from).Count((byte)'\n');
    }

    private static bool HasLeftTrimMarker(ReadOnlySpan<byte> s) => s.Length >= 2 && s[0] == '-' && GoSyntax.IsSpace(s[1]);

    private static bool HasRightTrimMarker(ReadOnlySpan<byte> s) => s.Length >= 2 && GoSyntax.IsSpace(s[0]) && s[1] == '-';

    private (bool Delim, bool Trim) AtRightDelim()
    {
        var rest = Rest(_pos);
        if (HasRightTrimMarker(rest) && rest[2..].StartsWith(_right))
        {
            return (true, true);
        }

        return (rest.StartsWith(_right), false);
    }

    private static int TrimmableSpaceAtEnd(ReadOnlySpan<byte> s)
    {
        var n = 0;
        while (n < s.Length && GoSyntax.IsSpace(s[s.Length - 1 - n]))
        {
            n++;
        }

        return n;
    }

    private static int TrimmableSpaceAtStart(ReadOnlySpan<byte> s)
    {
        var n = 0;
        while (n < s.Length && GoSyntax.IsSpace(s[n]))
        {
            n++;
        }

        return n;
    }

    private State LexText()
    {
        var x = Rest(_pos).IndexOf(_left);
        if (x >= 0)
        {
            _pos += x;
            var trim = 0;
            if (HasLeftTrimMarker(Rest(_pos + _left.Length)))
            {
                trim = TrimmableSpaceAtEnd(_input.AsSpan(_start, _pos - _start));
            }

            _pos -= trim;
            if (_pos > _start)
            {
                _line += CountNewlines(_start, _pos);
                Emit(TokenKind.Text);
            }

            _pos += trim;
            Ignore();
            return State.LeftDelim;
        }

        _pos = _input.Length;
        if (_pos > _start)
        {
            _line += CountNewlines(_start, _pos);
            Emit(TokenKind.Text);
        }

        Emit(TokenKind.Eof);
        return State.Done;
    }

    private State LexLeftDelim()
    {
        _pos += _left.Length;
        var trim = HasLeftTrimMarker(Rest(_pos));
        var afterMarker = trim ? 2 : 0;
        if (Rest(_pos + afterMarker).StartsWith("/*"u8))
        {
            _pos += afterMarker;
            Ignore();
            return State.Comment;
        }

        Emit(TokenKind.LeftDelim);
        _pos += afterMarker;
        Ignore();
        _parenDepth = 0;
        return State.InsideAction;
    }

    private State LexComment()
    {
        _pos += 2;
        var i = Rest(_pos).IndexOf("*/"u8);
        if (i < 0)
        {
            return Errorf("unclosed comment");
        }

        _pos += i + 2;
        var (delim, trim) = AtRightDelim();
        if (!delim)
        {
            return Errorf("comment ends before closing delimiter");
        }

        if (trim)
        {
            _pos += 2;
        }

        _pos += _right.Length;
        if (trim)
        {
            _pos += TrimmableSpaceAtStart(Rest(_pos));
        }

        Ignore();
        return State.Text;
    }

    private State LexRightDelim()
    {
        var trim = HasRightTrimMarker(Rest(_pos));
        if (trim)
        {
            _pos += 2;
            Ignore();
        }

        _pos += _right.Length;
        Emit(TokenKind.RightDelim);
        if (trim)
        {
            _pos += TrimmableSpaceAtStart(Rest(_pos));
            Ignore();
        }

        return State.Text;
    }

    private State LexInsideAction()
    {
        while (true)
        {
            var (delim, _) = AtRightDelim();
            if (delim)
            {
                if (_parenDepth == 0)
                {
                    return State.RightDelim;
                }

                return Errorf("unclosed left paren");
            }

            var r = Next();
            switch (r)
            {
                case Eof:
                    return Errorf("unclosed action");
                case ' ' or '\t' or '\r' or '\n':
                    Backup();
                    if (LexSpace() is { } s)
                    {
                        return s;
                    }

                    continue;
                case '=':
                    Emit(TokenKind.Assign);
                    continue;
                case ':':
                    if (Next() != '=')
                    {
                        return Errorf("expected :=");
                    }

                    Emit(TokenKind.Declare);
                    continue;
                case '|':
                    Emit(TokenKind.Pipe);
                    continue;
                case '"':
                    if (!LexQuote())
                    {
                        return State.Done;
                    }

                    continue;
                case '`':
                    if (!LexRawQuote())
                    {
                        return State.Done;
                    }

                    continue;
                case '$':
                    if (!LexVariable())
                    {
                        return State.Done;
                    }

                    continue;
                case '\'':
                    if (!LexChar())
                    {
                        return State.Done;
                    }

                    continue;
                case '(':
                    Emit(TokenKind.LeftParen);
                    _parenDepth++;
                    continue;
                case ')':
                    // Go emits the paren before reporting the imbalance, so the parser sees ")" first.
                    Emit(TokenKind.RightParen);
                    _parenDepth--;
                    if (_parenDepth < 0)
                    {
                        return Errorf("unexpected right paren " + GoSyntax.UnicodeForMessage(r));
                    }

                    continue;
            }

            if (r == '.' && _pos < _input.Length && (_input[_pos] < '0' || _input[_pos] > '9'))
            {
                if (!LexFieldOrVariable(TokenKind.Field))
                {
                    return State.Done;
                }

                continue;
            }

            if (r is '.' or '+' or '-' || (r >= '0' && r <= '9'))
            {
                Backup();
                if (!LexNumber())
                {
                    return State.Done;
                }

                continue;
            }

            if (GoSyntax.IsAlphaNumeric(r))
            {
                Backup();
                if (!LexIdentifier())
                {
                    return State.Done;
                }

                continue;
            }

            if (r <= 0x7F && r >= 0x20 && r != 0x7F)
            {
                Emit(TokenKind.Char);
                continue;
            }

            return Errorf("unrecognized character in action: " + GoSyntax.UnicodeForMessage(r));
        }
    }

    /// <summary>Returns a state to switch to, or null to continue inside the action.</summary>
    private State? LexSpace()
    {
        var numSpaces = 0;
        while (GoSyntax.IsSpace(Peek()))
        {
            Next();
            numSpaces++;
        }

        if (HasRightTrimMarker(Rest(_pos - 1)) && Rest(_pos - 1 + 2).StartsWith(_right))
        {
            Backup();
            if (numSpaces == 1)
            {
                return State.RightDelim;
            }
        }

        Emit(TokenKind.Space);
        return null;
    }

    private bool LexIdentifier()
    {
        int r;
        while (true)
        {
            r = Next();
            if (GoSyntax.IsAlphaNumeric(r))
            {
                continue;
            }

            Backup();
            break;
        }

        if (!AtTerminator())
        {
            Errorf("bad character " + GoSyntax.UnicodeForMessage(r));
            return false;
        }

        var word = Encoding.UTF8.GetString(_input, _start, _pos - _start);
        var kind = word switch
        {
            "block" => TokenKind.Block,
            "break" => _breakOk ? TokenKind.Break : TokenKind.Identifier,
            "continue" => _continueOk ? TokenKind.Continue : TokenKind.Identifier,
            "define" => TokenKind.Define,
            "else" => TokenKind.Else,
            "end" => TokenKind.End,
            "if" => TokenKind.If,
            "range" => TokenKind.Range,
            "nil" => TokenKind.Nil,
            "template" => TokenKind.Template,
            "with" => TokenKind.With,
            "true" or "false" => TokenKind.Bool,
            _ => TokenKind.Identifier,
        };
        Emit(kind);
        return true;
    }

    private bool LexVariable()
    {
        if (AtTerminator())
        {
            Emit(TokenKind.Variable);
            return true;
        }

        return LexFieldOrVariable(TokenKind.Variable);
    }

    private bool LexFieldOrVariable(TokenKind kind)
    {
        if (AtTerminator())
        {
            Emit(kind == TokenKind.Variable ? TokenKind.Variable : TokenKind.Dot);
            return true;
        }

        int r;
        while (true)
        {
            r = Next();
            if (!GoSyntax.IsAlphaNumeric(r))
            {
                Backup();
                break;
            }
        }

        if (!AtTerminator())
        {
            Errorf("bad character " + GoSyntax.UnicodeForMessage(r));
            return false;
        }

        Emit(kind);
        return true;
    }

    private bool AtTerminator()
    {
        var r = Peek();
        if (GoSyntax.IsSpace(r))
        {
            return true;
        }

        if (r is Eof or '.' or ',' or '|' or ':' or ')' or '(')
        {
            return true;
        }

        return Rest(_pos).StartsWith(_right);
    }

    private bool LexChar()
    {
        while (true)
        {
            var r = Next();
            if (r == '\\')
            {
                var e = Next();
                if (e != Eof && e != '\n')
                {
                    continue;
                }

                Errorf("unterminated character constant");
                return false;
            }

            if (r is Eof or '\n')
            {
                Errorf("unterminated character constant");
                return false;
            }

            if (r == '\'')
            {
                break;
            }
        }

        Emit(TokenKind.CharConstant);
        return true;
    }

    private bool LexNumber()
    {
        if (!ScanNumber())
        {
            Errorf("bad number syntax: " + GoSyntax.QuoteForMessage(Encoding.UTF8.GetString(_input, _start, _pos - _start), -1));
            return false;
        }

        var sign = Peek();
        if (sign is '+' or '-')
        {
            if (!ScanNumber() || _input[_pos - 1] != 'i')
            {
                Errorf("bad number syntax: " + GoSyntax.QuoteForMessage(Encoding.UTF8.GetString(_input, _start, _pos - _start), -1));
                return false;
            }

            Emit(TokenKind.Complex);
        }
        else
        {
            Emit(TokenKind.Number);
        }

        return true;
    }

    private bool Accept(string valid)
    {
        var r = Next();
        if (r >= 0 && valid.Contains((char)r, StringComparison.Ordinal) && r < 0x80)
        {
            return true;
        }

        Backup();
        return false;
    }

    private void AcceptRun(string valid)
    {
        while (true)
        {
            var r = Next();
            if (r >= 0 && r < 0x80 && valid.Contains((char)r, StringComparison.Ordinal))
            {
                continue;
            }

            Backup();
            return;
        }
    }

    private bool ScanNumber()
    {
        Accept("+-");
        var digits = "0123456789_";
        if (Accept("0"))
        {
            if (Accept("xX"))
            {
                digits = "0123456789abcdefABCDEF_";
            }
            else if (Accept("oO"))
            {
                digits = "01234567_";
            }
            else if (Accept("bB"))
            {
                digits = "01_";
            }
        }

        AcceptRun(digits);
        if (Accept("."))
        {
            AcceptRun(digits);
        }

        if (digits.Length == 11 && Accept("eE"))
        {
            Accept("+-");
            AcceptRun("0123456789_");
        }

        if (digits.Length == 23 && Accept("pP"))
        {
            Accept("+-");
            AcceptRun("0123456789_");
        }

        Accept("i");
        if (GoSyntax.IsAlphaNumeric(Peek()))
        {
            Next();
            return false;
        }

        return true;
    }

    private bool LexQuote()
    {
        while (true)
        {
            var r = Next();
            if (r == '\\')
            {
                var e = Next();
                if (e != Eof && e != '\n')
                {
                    continue;
                }

                Errorf("unterminated quoted string");
                return false;
            }

            if (r is Eof or '\n')
            {
                Errorf("unterminated quoted string");
                return false;
            }

            if (r == '"')
            {
                break;
            }
        }

        Emit(TokenKind.String);
        return true;
    }

    private bool LexRawQuote()
    {
        while (true)
        {
            var r = Next();
            if (r == Eof)
            {
                Errorf("unterminated raw quoted string");
                return false;
            }

            if (r == '`')
            {
                break;
            }
        }

        Emit(TokenKind.RawString);
        return true;
    }
}
