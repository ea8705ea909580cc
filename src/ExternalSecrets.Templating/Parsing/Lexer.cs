using System.Buffers;
using System.Text;

namespace ExternalSecrets.Templating.Parsing;

/// <summary>
/// Go's template lexer as a loop over states (text, left delimiter, comment, inside action). Produces
/// the same item kinds, positions and lines as <c>text/template/parse</c>, stopping at the first
/// error item. Works on bytes: positions are byte offsets, as Go's error columns are.
/// </summary>
internal sealed partial class Lexer
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
}
