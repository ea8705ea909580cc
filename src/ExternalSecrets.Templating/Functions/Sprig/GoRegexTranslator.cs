using System.Globalization;
using System.Text;

namespace ExternalSecrets.Templating.Functions.Sprig;

/// <summary>
/// Translates Go RE2 syntax to a .NET pattern that <see cref="System.Text.RegularExpressions.RegexOptions.NonBacktracking"/>
/// accepts and that matches the same strings: <c>(?P&lt;name&gt;)</c> groups, <c>\Q…\E</c>, POSIX
/// classes, ASCII-only <c>\d \w \s</c>, <c>$</c> as end of text outside <c>(?m)</c>, octal and
/// <c>\x{…}</c> escapes, the <c>U</c> (ungreedy) flag. Constructs RE2 lacks (back-references,
/// look-around, atomic groups) and malformed patterns fail with Go's error text.
/// </summary>
internal sealed class GoRegexTranslator
{
    private const string PosixPrefix = "[:";
    private readonly string _expr;
    private readonly StringBuilder _out = new();
    private readonly List<string?> _groupNames = [];
    private int _pos;

    private GoRegexTranslator(string expr) => _expr = expr;

    /// <summary>Capture group names in order (null for unnamed groups); index 0 is group 1.</summary>
    public IReadOnlyList<string?> GroupNames => _groupNames;

    public static (string Pattern, IReadOnlyList<string?> GroupNames) Translate(string expr)
    {
        var t = new GoRegexTranslator(expr);
        t.Run();
        return (t._out.ToString(), t._groupNames);
    }

    private static GoRegexSyntaxException Error(string code, string arg) =>
        new("error parsing regexp: " + code + ": `" + arg + "`");

    private sealed class Scope
    {
        public bool Multiline { get; set; }

        public bool Ungreedy { get; set; }
    }

    private void Run()
    {
        var scopes = new Stack<Scope>();
        var scope = new Scope();
        var canRepeat = false; // an operand precedes (a repetition operator is allowed)
        string? lastRepeat = null; // text of the repetition just emitted (nested repetition check)
        var depth = 0;
        while (_pos < _expr.Length)
        {
            var c = _expr[_pos];
            switch (c)
            {
                case '(':
                    {
                        var start = _pos;
                        if (_pos + 1 < _expr.Length && _expr[_pos + 1] == '?')
                        {
                            if (TryGroupPrefix(start, scope, out var isFlagsOnly))
                            {
                                if (isFlagsOnly)
                                {
                                    canRepeat = false;
                                    lastRepeat = null;
                                    continue;
                                }
                            }
                        }
                        else
                        {
                            // Every group gets a .NET name "gN" (N = Go's group number): .NET numbers
                            // named groups after unnamed ones, Go numbers them all left to right.
                            _groupNames.Add(null);
                            _out.Append("(?<").Append(DotNetName(_groupNames.Count)).Append('>');
                            _pos++;
                        }

                        scopes.Push(scope);
                        scope = _pendingScope ?? new Scope { Multiline = scope.Multiline, Ungreedy = scope.Ungreedy };
                        _pendingScope = null;
                        depth++;
                        canRepeat = false;
                        lastRepeat = null;
                        continue;
                    }

                case ')':
                    if (depth == 0)
                    {
                        throw Error("unexpected )", _expr);
                    }

                    depth--;
                    scope = scopes.Pop();
                    _out.Append(')');
                    _pos++;
                    canRepeat = true;
                    lastRepeat = null;
                    continue;
                case '|':
                    _out.Append('|');
                    _pos++;
                    canRepeat = false;
                    lastRepeat = null;
                    continue;
                case '*' or '+' or '?':
                    {
                        var start = _pos;
                        _pos++;
                        var op = RepeatOperator(start, lastRepeat, canRepeat, out var lazy);
                        _out.Append(c);
                        if (lazy != scope.Ungreedy)
                        {
                            _out.Append('?');
                        }

                        lastRepeat = op;
                        continue;
                    }

                case '{':
                    {
                        var start = _pos;
                        if (TryRepeat(out var min, out var max))
                        {
                            var op = RepeatOperator(start, lastRepeat, canRepeat, out var lazy);
                            var countText = _expr[start..(lazy ? _pos - 1 : _pos)];
                            if (min > 1000 || max > 1000 || (max >= 0 && max < min))
                            {
                                throw Error("invalid repeat count", countText);
                            }

                            _out.Append(countText);
                            if (lazy != scope.Ungreedy)
                            {
                                _out.Append('?');
                            }

                            lastRepeat = op;
                            continue;
                        }

                        // Not a repetition: a literal brace, as in Go.
                        _out.Append("\\{");
                        _pos = start + 1;
                        canRepeat = true;
                        lastRepeat = null;
                        continue;
                    }

                case '[':
                    Class();
                    canRepeat = true;
                    lastRepeat = null;
                    continue;
                case '\\':
                    {
                        var isOperand = Escape(outsideClass: true);
                        canRepeat = isOperand;
                        lastRepeat = null;
                        continue;
                    }

                case '$':
                    _out.Append(scope.Multiline ? "(?m:$)" : "\\z");
                    _pos++;
                    canRepeat = true;
                    lastRepeat = null;
                    continue;
                case '^':
                    _out.Append(scope.Multiline ? "(?m:^)" : "\\A");
                    _pos++;
                    canRepeat = true;
                    lastRepeat = null;
                    continue;
                case '.':
                    _out.Append('.');
                    _pos++;
                    canRepeat = true;
                    lastRepeat = null;
                    continue;
                default:
                    AppendLiteralRune();
                    canRepeat = true;
                    lastRepeat = null;
                    continue;
            }
        }

        if (depth > 0)
        {
            throw Error("missing closing )", _expr);
        }
    }

    // Handles "(?" at start: named groups, non-capturing groups and flag groups. Returns true when
    // it consumed the prefix; isFlagsOnly when it was "(?flags)" (no group opened).
    private bool TryGroupPrefix(int start, Scope scope, out bool isFlagsOnly)
    {
        isFlagsOnly = false;
        var rest = _expr.AsSpan(start);
        if (rest.StartsWith("(?P<", StringComparison.Ordinal) || (rest.StartsWith("(?<", StringComparison.Ordinal) && rest.Length > 3 && rest[3] != '=' && rest[3] != '!'))
        {
            var nameStart = start + (rest[2] == 'P' ? 4 : 3);
            var end = _expr.IndexOf('>', nameStart);
            if (end < 0)
            {
                throw Error("invalid named capture", _expr[start..]);
            }

            var name = _expr[nameStart..end];
            if (name.Length == 0 || !name.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '_'))
            {
                throw Error("invalid named capture", _expr[start..(end + 1)]);
            }

            _groupNames.Add(name);

            // .NET names must not start with a digit; an internal name keeps the group addressable.
            _out.Append("(?<").Append(DotNetName(_groupNames.Count)).Append('>');
            _pos = end + 1;
            return true;
        }

        // Flags: (?flags) or (?flags:re), flags from "imsU" with an optional '-'.
        var i = start + 2;
        var sign = true;
        var sawFlag = false;
        var sawMinus = false;
        var newScope = new Scope { Multiline = scope.Multiline, Ungreedy = scope.Ungreedy };
        var dotnetFlags = new StringBuilder();
        var dotnetOff = new StringBuilder();
        while (i < _expr.Length)
        {
            var ch = _expr[i];
            switch (ch)
            {
                case 'i' or 'm' or 's' or 'U':
                    sawFlag = true;
                    if (ch == 'm')
                    {
                        newScope.Multiline = sign;
                    }
                    else if (ch == 'U')
                    {
                        newScope.Ungreedy = sign;
                    }
                    else
                    {
                        (sign ? dotnetFlags : dotnetOff).Append(ch);
                    }

                    i++;
                    continue;
                case '-':
                    if (!sign)
                    {
                        break;
                    }

                    sign = false;
                    sawMinus = true;
                    sawFlag = false;
                    i++;
                    continue;
                case ':' or ')':
                    if (sawMinus && !sawFlag)
                    {
                        break;
                    }

                    var flags = dotnetFlags.ToString() + (dotnetOff.Length > 0 ? "-" + dotnetOff : string.Empty);
                    if (ch == ')')
                    {
                        // Flags for the rest of the enclosing group.
                        if (flags.Length > 0)
                        {
                            _out.Append("(?").Append(flags).Append(')');
                        }

                        scope.Multiline = newScope.Multiline;
                        scope.Ungreedy = newScope.Ungreedy;
                        isFlagsOnly = true;
                        _pos = i + 1;
                        return true;
                    }

                    _out.Append("(?").Append(flags).Append(':');
                    _pos = i + 1;

                    // The group's own scope starts from these flags; the caller pushes a copy of
                    // the enclosing scope, so apply ours to the enclosing one temporarily via a marker.
                    _pendingScope = newScope;
                    return true;
                default:
                    break;
            }

            break;
        }

        var len = Math.Min(i + 1, _expr.Length) - start;
        throw Error("invalid or unsupported Perl syntax", _expr.Substring(start, Math.Max(3, Math.Min(len, _expr.Length - start))));
    }

    private Scope? _pendingScope;

    internal static string DotNetName(int index) => "g" + index.ToString(CultureInfo.InvariantCulture);

    // Finishes a repetition operator that began at start (the '?' suffix makes it lazy) and
    // applies Go's two checks in Go's order: a repetition of a repetition, then one with nothing to repeat.
    private string RepeatOperator(int start, string? lastRepeat, bool canRepeat, out bool lazy)
    {
        lazy = _pos < _expr.Length && _expr[_pos] == '?';
        if (lazy)
        {
            _pos++;
        }

        var op = _expr[start.._pos];
        if (lastRepeat is not null)
        {
            throw Error("invalid nested repetition operator", lastRepeat + op);
        }

        if (!canRepeat)
        {
            throw Error("missing argument to repetition operator", op);
        }

        return op;
    }

    private bool TryRepeat(out int min, out int max)
    {
        // {n}, {n,}, {n,m}; anything else is literal.
        min = -1;
        max = -1;
        var i = _pos + 1;
        var n1 = ReadInt(ref i);
        if (n1 < 0)
        {
            return false;
        }

        min = n1;
        if (i < _expr.Length && _expr[i] == '}')
        {
            max = n1;
            _pos = i + 1;
            return true;
        }

        if (i >= _expr.Length || _expr[i] != ',')
        {
            return false;
        }

        i++;
        if (i < _expr.Length && _expr[i] == '}')
        {
            max = -1;
            _pos = i + 1;
            return true;
        }

        var n2 = ReadInt(ref i);
        if (n2 < 0 || i >= _expr.Length || _expr[i] != '}')
        {
            return false;
        }

        max = n2;
        _pos = i + 1;
        return true;
    }

    private int ReadInt(ref int i)
    {
        var start = i;
        while (i < _expr.Length && char.IsAsciiDigit(_expr[i]))
        {
            i++;
        }

        if (i == start)
        {
            return -1;
        }

        var digits = _expr[start..i];
        if (digits.Length > 1 && digits[0] == '0')
        {
            return -1;
        }

        return digits.Length > 8 ? 100000 : int.Parse(digits, CultureInfo.InvariantCulture);
    }

    private void AppendLiteralRune()
    {
        var r = RuneAt(_expr, _pos, out var width);
        AppendLiteral(r, _out);
        _pos += width;
    }

    private static void AppendLiteral(int rune, StringBuilder sb)
    {
        if (rune < 0x80 && "\\*+?|{}()[]^$.#- \t\n\r\f\v".Contains((char)rune, StringComparison.Ordinal))
        {
            sb.Append('\\');
            sb.Append(rune switch
            {
                '\t' => 't',
                '\n' => 'n',
                '\r' => 'r',
                '\f' => 'f',
                '\v' => 'v',
                _ => (char)rune,
            });
            return;
        }

        sb.Append(char.ConvertFromUtf32(rune));
    }

    // An escape outside or inside a class. Outside, appends the .NET form and returns whether it
    // is an operand (assertions like \b are too). Inside a class, see ClassEscape.
    private bool Escape(bool outsideClass)
    {
        var start = _pos;
        _pos++;
        if (_pos >= _expr.Length)
        {
            throw Error("trailing backslash at end of expression", string.Empty);
        }

        var c = _expr[_pos];
        switch (c)
        {
            case 'A':
                _pos++;
                _out.Append("\\A");
                return true;
            case 'z':
                _pos++;
                _out.Append("\\z");
                return true;
            case 'b':
                _pos++;
                _out.Append("\\b");
                return true;
            case 'B':
                _pos++;
                _out.Append("\\B");
                return true;
            case 'Q':
                {
                    _pos++;
                    var end = _expr.IndexOf("\\E", _pos, StringComparison.Ordinal);
                    var lit = end < 0 ? _expr[_pos..] : _expr[_pos..end];
                    _pos = end < 0 ? _expr.Length : end + 2;
                    foreach (var r in EnumerateRunes(lit))
                    {
                        AppendLiteral(r, _out);
                    }

                    return true;
                }

            case 'C':
                _pos++;
                _out.Append("[\\s\\S]");
                return true;
            default:
                break;
        }

        _pos = start;
        var set = ClassEscape(_out.Length, out var single);
        if (single >= 0)
        {
            AppendLiteral(single, _out);
        }
        else
        {
            _out.Append('[').Append(set).Append(']');
        }

        _ = outsideClass;
        return true;
    }

    // Parses an escape that denotes a character or a class at _pos ('\\'). Returns the class body
    // (for [..]) and sets single to the rune when it is a single character, else -1.
    private string ClassEscape(int unused, out int single)
    {
        _ = unused;
        var start = _pos;
        _pos++;
        if (_pos >= _expr.Length)
        {
            throw Error("trailing backslash at end of expression", string.Empty);
        }

        var c = _expr[_pos];
        _pos++;
        single = -1;
        switch (c)
        {
            case >= '1' and <= '7' when _pos < _expr.Length && _expr[_pos] is >= '0' and <= '7':
            case '0':
                {
                    // Octal: up to three digits in total.
                    var value = c - '0';
                    for (var k = 0; k < 2 && _pos < _expr.Length && _expr[_pos] is >= '0' and <= '7'; k++)
                    {
                        value = (value * 8) + (_expr[_pos] - '0');
                        _pos++;
                    }

                    single = value;
                    return string.Empty;
                }

            case 'x':
                {
                    if (_pos < _expr.Length && _expr[_pos] == '{')
                    {
                        var end = _expr.IndexOf('}', _pos);
                        var hex = end < 0 ? string.Empty : _expr[(_pos + 1)..end];
                        if (end < 0 || hex.Length == 0 || !int.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v) || v > 0x10FFFF)
                        {
                            throw Error("invalid escape sequence", _expr[start..Math.Min(_expr.Length, end < 0 ? _expr.Length : end + 1)]);
                        }

                        _pos = end + 1;
                        single = v;
                        return string.Empty;
                    }

                    if (_pos + 2 > _expr.Length || !int.TryParse(_expr.AsSpan(_pos, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
                    {
                        throw Error("invalid escape sequence", _expr[start..Math.Min(_expr.Length, _pos + 2)]);
                    }

                    _pos += 2;
                    single = b;
                    return string.Empty;
                }

            case 'a':
                single = 7;
                return string.Empty;
            case 'f':
                single = '\f';
                return string.Empty;
            case 't':
                single = '\t';
                return string.Empty;
            case 'n':
                single = '\n';
                return string.Empty;
            case 'r':
                single = '\r';
                return string.Empty;
            case 'v':
                single = '\v';
                return string.Empty;
            case 'd':
                return "0-9";
            case 'D':
                return "\\x00-/:-\uFFFF";
            case 's':
                return "\\t\\n\\f\\r ";
            case 'S':
                return "\\x00-\\x08\\x0B\\x0E-\\x1F!-\uFFFF";
            case 'w':
                return "0-9A-Za-z_";
            case 'W':
                return "\\x00-/:-@\\[-\\^`{-\uFFFF";
            case 'p' or 'P':
                {
                    string name;
                    if (_pos < _expr.Length && _expr[_pos] == '{')
                    {
                        var end = _expr.IndexOf('}', _pos);
                        if (end < 0)
                        {
                            throw Error("invalid character class range", _expr[start..]);
                        }

                        name = _expr[(_pos + 1)..end];
                        _pos = end + 1;
                    }
                    else if (_pos < _expr.Length)
                    {
                        name = _expr[_pos].ToString();
                        _pos++;
                    }
                    else
                    {
                        throw Error("invalid character class range", _expr[start..]);
                    }

                    var negate = c == 'P';
                    if (name.StartsWith('^'))
                    {
                        negate = !negate;
                        name = name[1..];
                    }

                    if (!IsCategory(name))
                    {
                        throw Error("invalid character class range", _expr[start.._pos]);
                    }

                    // Returned as a class body; negation is expressed with \P inside the class.
                    return (negate ? "\\P{" : "\\p{") + (name == "Any" ? "L}\\P{L" : name) + "}";
                }

            default:
                if (c < 0x80 && !char.IsAsciiLetterOrDigit(c))
                {
                    single = c;
                    return string.Empty;
                }

                throw Error("invalid escape sequence", _expr[start.._pos]);
        }
    }

    private static bool IsCategory(string name) => name is "L" or "Lu" or "Ll" or "Lt" or "Lm" or "Lo"
        or "M" or "Mn" or "Mc" or "Me" or "N" or "Nd" or "Nl" or "No" or "P" or "Pc" or "Pd" or "Ps" or "Pe" or "Pi" or "Pf" or "Po"
        or "S" or "Sm" or "Sc" or "Sk" or "So" or "Z" or "Zs" or "Zl" or "Zp" or "C" or "Cc" or "Cf" or "Co" or "Cs" or "Any";

    private static readonly Dictionary<string, string> Posix = new(StringComparer.Ordinal)
    {
        ["alnum"] = "0-9A-Za-z",
        ["alpha"] = "A-Za-z",
        ["ascii"] = "\\x00-\\x7F",
        ["blank"] = "\\t ",
        ["cntrl"] = "\\x00-\\x1F\\x7F",
        ["digit"] = "0-9",
        ["graph"] = "!-~",
        ["lower"] = "a-z",
        ["print"] = " -~",
        ["punct"] = "!-/:-@\\[-`{-~",
        ["space"] = "\\t\\n\\v\\f\\r ",
        ["upper"] = "A-Z",
        ["word"] = "0-9A-Za-z_",
        ["xdigit"] = "0-9A-Fa-f",
    };

    private void Class()
    {
        var start = _pos;
        _pos++;
        var negate = false;
        if (_pos < _expr.Length && _expr[_pos] == '^')
        {
            negate = true;
            _pos++;
        }

        var body = new StringBuilder();
        var first = true;
        while (true)
        {
            if (_pos >= _expr.Length)
            {
                throw Error("missing closing ]", _expr[start..]);
            }

            var c = _expr[_pos];
            if (c == ']' && !first)
            {
                _pos++;
                break;
            }

            first = false;
            var itemStart = _pos;
            if (c == '[' && _expr.AsSpan(_pos).StartsWith(PosixPrefix, StringComparison.Ordinal))
            {
                var end = _expr.IndexOf(":]", _pos + 2, StringComparison.Ordinal);
                if (end > 0)
                {
                    var name = _expr[(_pos + 2)..end];
                    var neg = name.StartsWith('^');
                    if (neg)
                    {
                        name = name[1..];
                    }

                    if (!Posix.TryGetValue(name, out var set))
                    {
                        throw Error("invalid character class range", _expr[_pos..(end + 2)]);
                    }

                    _pos = end + 2;
                    if (neg)
                    {
                        // A negated POSIX class inside a class: expand as its complement ranges via subtraction is not
                        // available in NonBacktracking, so only support it as the whole class.
                        throw Error("invalid character class range", _expr[itemStart.._pos]);
                    }

                    body.Append(set);
                    continue;
                }
            }

            int lo;
            if (c == '\\')
            {
                var set = ClassEscape(0, out var single);
                if (single < 0)
                {
                    body.Append(set);
                    continue;
                }

                lo = single;
            }
            else
            {
                lo = RuneAt(_expr, _pos, out var w);
                _pos += w;
            }

            // A range lo-hi (a '-' before ']' is literal).
            if (_pos + 1 < _expr.Length && _expr[_pos] == '-' && _expr[_pos + 1] != ']')
            {
                _pos++;
                int hi;
                if (_expr[_pos] == '\\')
                {
                    var escStart = _pos;
                    var set = ClassEscape(0, out var single);
                    if (single < 0)
                    {
                        throw Error("invalid escape sequence", _expr[escStart.._pos]);
                    }

                    _ = set;
                    hi = single;
                }
                else
                {
                    hi = RuneAt(_expr, _pos, out var w);
                    _pos += w;
                }

                if (hi < lo)
                {
                    throw Error("invalid character class range", _expr[itemStart.._pos]);
                }

                AppendClassRune(lo, body);
                body.Append('-');
                AppendClassRune(hi, body);
                continue;
            }

            AppendClassRune(lo, body);
        }

        _out.Append(negate ? "[^" : "[").Append(body).Append(']');
    }

    private static void AppendClassRune(int rune, StringBuilder sb)
    {
        if (rune < 0x80 && "\\[]^-".Contains((char)rune, StringComparison.Ordinal))
        {
            sb.Append('\\').Append((char)rune);
            return;
        }

        if (rune < 0x20)
        {
            sb.Append("\\x").Append(rune.ToString("X2", CultureInfo.InvariantCulture));
            return;
        }

        if (rune > 0xFFFF)
        {
            // Astral ranges cannot be expressed in a UTF-16 class; keep the BMP approximation (documented difference).
            sb.Append('\uFFFF');
            return;
        }

        sb.Append((char)rune);
    }

    private static IEnumerable<int> EnumerateRunes(string s)
    {
        for (var i = 0; i < s.Length;)
        {
            var r = RuneAt(s, i, out var w);
            yield return r;
            i += w;
        }
    }

    /// <summary>The code point at <paramref name="index"/> (a lone surrogate as itself).</summary>
    private static int RuneAt(string s, int index, out int width)
    {
        if (char.IsHighSurrogate(s[index]) && index + 1 < s.Length && char.IsLowSurrogate(s[index + 1]))
        {
            width = 2;
            return char.ConvertToUtf32(s[index], s[index + 1]);
        }

        width = 1;
        return s[index];
    }
}
