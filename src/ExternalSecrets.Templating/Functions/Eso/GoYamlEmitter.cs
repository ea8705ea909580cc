using System.Globalization;
using System.Text;
using ExternalSecrets.Templating.Functions.Sprig;
using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating.Functions.Eso;

/// <summary>
/// ESO's <c>toYaml</c> (sigs.k8s.io/yaml): the value goes through Go's JSON encoding, is read back
/// as YAML and written by go-yaml v2 — block style, keys in go-yaml's natural order, sequences not
/// indented under their key, strings plain when they would read back as strings, double-quoted when
/// they would not, single-quoted when plain is not allowed, literal blocks for multi-line text, and
/// long plain lines folded at column 80.
/// </summary>
internal sealed class GoYamlEmitter
{
    private const int BestWidth = 80;
    private readonly StringBuilder _sb = new();
    private readonly FunctionContext? _ctx;
    private int _column;

    private GoYamlEmitter(FunctionContext? ctx) => _ctx = ctx;

    private sealed class YamlJsonException(string message) : Exception(message);

    /// <summary>The YAML text (without the trailing newline ESO trims), or null when Go's JSON encoding fails.</summary>
    public static string? ToYaml(object? value, FunctionContext? ctx)
    {
        var e = new GoYamlEmitter(ctx);
        try
        {
            var node = ToNode(value, 0);
            e.EmitDocument(node);
        }
        catch (YamlJsonException)
        {
            return null;
        }

        var text = e._sb.ToString();
        return text.EndsWith('\n') ? text[..^1] : text;
    }

    // The JSON-shaped tree: string, bool, null, Num (int or float text), SortedList map, List.
    private sealed record Num(string Text);

    private static object? ToNode(object? v, int depth)
    {
        if (depth > 1000)
        {
            throw new YamlJsonException("json: unsupported value: encountered a cycle");
        }

        switch (v)
        {
            case null:
                return null;
            case bool b:
                return b;
            case GoString s:
                return s.ToUtf8String();
            case long or GoInt64 or ulong:
                return new Num(Formatting.GoFmt.Sprint(v).ToString());
            case double d:
                {
                    if (double.IsNaN(d) || double.IsInfinity(d))
                    {
                        throw new YamlJsonException("json: unsupported value");
                    }

                    var json = GoJsonCodec.Marshal(d, null, true, out _)!.ToString();
                    var (tag, value) = GoYamlResolve.Resolve(json);
                    return tag == GoYamlResolve.Tag.Int ? new Num(GoYamlResolve.FormatInt(value!)) : new Num(GoYamlResolve.FormatFloat((double)value!));
                }

            case GoList list:
                return list.Select(x => ToNode(x, depth + 1)).ToList();
            case GoMap map:
                {
                    var d = new SortedDictionary<string, object?>(Comparer<string>.Create(GoYamlResolve.CompareKeys));
                    foreach (var (k, x) in map)
                    {
                        d[k.ToUtf8String()] = ToNode(x, depth + 1);
                    }

                    return d;
                }

            case IGoJsonValue j:
                {
                    var parsed = GoJsonCodec.Unmarshal(j.MarshalJson().Span, out _);
                    return ToNode(parsed, depth + 1);
                }

            case GoFunction:
                throw new YamlJsonException("json: unsupported type");
            default:
                return new SortedDictionary<string, object?>();
        }
    }

    private void Write(string s)
    {
        _sb.Append(s);
        var nl = s.LastIndexOf('\n');
        _column = nl < 0 ? _column + s.Length : s.Length - nl - 1;
        _ctx?.EnsureSize(_sb.Length);
    }

    // go-yaml's write_indent: a line break unless one was just written, then the indentation.
    private void NewLine(int indent)
    {
        if (!AtLineStart())
        {
            Write("\n");
        }

        Write(new string(' ', Math.Max(indent, 0)));
    }

    private void EmitDocument(object? node)
    {
        switch (node)
        {
            case SortedDictionary<string, object?> { Count: > 0 } map:
                EmitMapping(map, 0, inline: true);
                break;
            case List<object?> { Count: > 0 } list:
                EmitSequence(list, 0, inline: true);
                break;
            default:
                EmitValue(node, 0);
                break;
        }

        if (!AtLineStart())
        {
            Write("\n");
        }
    }

    private bool AtLineStart() => _sb.Length > 0 && _column == 0 && _sb[^1] == '\n';

    // A mapping whose entries are at column `indent`; inline: the first key continues the current line.
    private void EmitMapping(SortedDictionary<string, object?> map, int indent, bool inline)
    {
        var first = true;
        foreach (var (key, value) in map)
        {
            if (!(first && inline))
            {
                NewLine(indent);
            }

            first = false;
            if (key.Contains('\n', StringComparison.Ordinal))
            {
                // A multi-line key is not a simple key: go-yaml writes "? " with a block scalar, then ":".
                Write("? ");
                EmitString(key, indent + 2, simpleKey: false);
                NewLine(indent);
            }
            else
            {
                EmitKey(key);
            }

            Write(":");
            switch (value)
            {
                case SortedDictionary<string, object?> { Count: > 0 } m:
                    NewLine(indent + 2);
                    EmitMapping(m, indent + 2, inline: true);
                    break;
                case List<object?> { Count: > 0 } l:
                    NewLine(indent);
                    EmitSequence(l, indent, inline: true);
                    break;
                default:
                    Write(" ");
                    EmitValue(value, indent);
                    break;
            }
        }
    }

    private void EmitSequence(List<object?> list, int indent, bool inline)
    {
        var first = true;
        foreach (var item in list)
        {
            if (!(first && inline))
            {
                NewLine(indent);
            }

            first = false;
            Write("-");
            switch (item)
            {
                case SortedDictionary<string, object?> { Count: > 0 } m:
                    Write(" ");
                    EmitMapping(m, indent + 2, inline: true);
                    break;
                case List<object?> { Count: > 0 } l:
                    Write(" ");
                    EmitSequence(l, indent + 2, inline: true);
                    break;
                default:
                    Write(" ");
                    EmitValue(item, indent);
                    break;
            }
        }
    }

    // A scalar or empty collection in block context; `indent` is the enclosing container's indent.
    private void EmitValue(object? value, int indent)
    {
        switch (value)
        {
            case null:
                Write("null");
                break;
            case bool b:
                Write(b ? "true" : "false");
                break;
            case Num n:
                Write(n.Text);
                break;
            case SortedDictionary<string, object?>:
                Write("{}");
                break;
            case List<object?>:
                Write("[]");
                break;
            case string s:
                EmitString(s, indent + 2, simpleKey: false);
                break;
            default:
                break;
        }
    }

    private void EmitKey(string key) => EmitString(key, 0, simpleKey: true);

    private enum Style
    {
        Plain,
        Single,
        Double,
        Literal,
    }

    private void EmitString(string s, int indent, bool simpleKey)
    {
        var (tag, _) = s.Length == 0 ? (GoYamlResolve.Tag.Null, null) : GoYamlResolve.Resolve(s);
        var canUsePlain = tag == GoYamlResolve.Tag.Str && !GoYamlResolve.IsBase60Float(s);
        var style = s.Contains('\n', StringComparison.Ordinal) ? Style.Literal : canUsePlain ? Style.Plain : Style.Double;
        var a = Analyze(s);
        if (simpleKey && a.Multiline)
        {
            style = Style.Double;
        }

        if (style == Style.Plain)
        {
            if (!a.BlockPlainAllowed || (s.Length == 0 && simpleKey))
            {
                style = Style.Single;
            }
        }

        if (style == Style.Single && !a.SingleQuotedAllowed)
        {
            style = Style.Double;
        }

        if (style == Style.Literal && (!a.BlockAllowed || simpleKey))
        {
            style = Style.Double;
        }

        switch (style)
        {
            case Style.Plain:
                WritePlain(s, indent, allowBreaks: !simpleKey);
                break;
            case Style.Single:
                Write("'" + s.Replace("'", "''", StringComparison.Ordinal) + "'");
                break;
            case Style.Double:
                WriteDouble(s);
                break;
            default:
                WriteLiteral(s, indent);
                break;
        }
    }

    private void WritePlain(string s, int indent, bool allowBreaks)
    {
        var spaces = false;
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == ' ')
            {
                if (allowBreaks && !spaces && _column > BestWidth && !(i + 1 < s.Length && s[i + 1] == ' '))
                {
                    NewLine(indent);
                }
                else
                {
                    Write(" ");
                }

                spaces = true;
            }
            else
            {
                Write(s[i].ToString());
                spaces = false;
            }
        }
    }

    private void WriteLiteral(string s, int indent)
    {
        Write("|");
        if (s.Length > 0 && (s[0] == ' ' || s[0] == '\n'))
        {
            Write("2");
        }

        if (!s.EndsWith('\n'))
        {
            Write("-");
        }
        else if (s.Length == 1 || s[^2] == '\n')
        {
            Write("+");
        }

        var breaks = true;
        Write("\n");
        foreach (var c in s)
        {
            if (c == '\n')
            {
                Write("\n");
                breaks = true;
                continue;
            }

            if (breaks)
            {
                Write(new string(' ', indent));
                breaks = false;
            }

            Write(c.ToString());
        }
    }

    private void WriteDouble(string s)
    {
        var sb = new StringBuilder("\"");
        foreach (var r in s.EnumerateRunes())
        {
            var v = r.Value;
            if (IsPrintable(v) && v != 0xFEFF && v != '"' && v != '\\' && v != '\n' && v != 0x85 && v != 0x2028 && v != 0x2029)
            {
                sb.Append(r.ToString());
                continue;
            }

            sb.Append('\\');
            sb.Append(v switch
            {
                0 => "0",
                7 => "a",
                8 => "b",
                9 => "t",
                10 => "n",
                11 => "v",
                12 => "f",
                13 => "r",
                0x1B => "e",
                '"' => "\"",
                '\\' => "\\",
                0x85 => "N",
                0xA0 => "_",
                0x2028 => "L",
                0x2029 => "P",
                <= 0xFF => "x" + v.ToString("X2", CultureInfo.InvariantCulture),
                <= 0xFFFF => "u" + v.ToString("X4", CultureInfo.InvariantCulture),
                _ => "U" + v.ToString("X8", CultureInfo.InvariantCulture),
            });
        }

        sb.Append('"');
        Write(sb.ToString());
    }

    private static bool IsPrintable(int c) =>
        c == 0x0A || (c >= 0x20 && c <= 0x7E) || c == 0x85 || (c >= 0xA0 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD) || (c >= 0x10000 && c <= 0x10FFFF);

    private readonly record struct Analysis(bool Multiline, bool BlockPlainAllowed, bool SingleQuotedAllowed, bool BlockAllowed);

    // go-yaml v2's yaml_emitter_analyze_scalar (block context only).
    private static Analysis Analyze(string value)
    {
        if (value.Length == 0)
        {
            return new Analysis(false, true, true, false);
        }

        var blockIndicators = value.StartsWith("---", StringComparison.Ordinal) || value.StartsWith("...", StringComparison.Ordinal);
        bool lineBreaks = false, special = false, leadingSpace = false, leadingBreak = false, trailingSpace = false, trailingBreak = false;
        bool breakSpace = false, spaceBreak = false, previousSpace = false, previousBreak = false;
        var precededByWhitespace = true;
        var runes = value.EnumerateRunes().Select(r => r.Value).ToArray();
        for (var i = 0; i < runes.Length; i++)
        {
            var c = runes[i];
            var followedByWhitespace = i + 1 >= runes.Length || runes[i + 1] is ' ' or '\t' or '\n' or '\r' or 0x85 or 0x2028 or 0x2029;
            if (i == 0)
            {
                switch (c)
                {
                    case '#' or ',' or '[' or ']' or '{' or '}' or '&' or '*' or '!' or '|' or '>' or '\'' or '"' or '%' or '@' or '`':
                        blockIndicators = true;
                        break;
                    case '?' or ':':
                        blockIndicators |= followedByWhitespace;
                        break;
                    case '-':
                        blockIndicators |= followedByWhitespace;
                        break;
                    default:
                        break;
                }
            }
            else if (c == ':' && followedByWhitespace)
            {
                blockIndicators = true;
            }
            else if (c == '#' && precededByWhitespace)
            {
                blockIndicators = true;
            }

            if (!IsPrintable(c) || c == 0xFEFF)
            {
                special = true;
            }

            var isBreak = c is '\n' or '\r' or 0x85 or 0x2028 or 0x2029;
            if (c == ' ')
            {
                leadingSpace |= i == 0;
                trailingSpace |= i == runes.Length - 1;
                breakSpace |= previousBreak;
                previousSpace = true;
                previousBreak = false;
            }
            else if (isBreak)
            {
                lineBreaks = true;
                leadingBreak |= i == 0;
                trailingBreak |= i == runes.Length - 1;
                spaceBreak |= previousSpace;
                previousSpace = false;
                previousBreak = true;
            }
            else
            {
                previousSpace = false;
                previousBreak = false;
            }

            precededByWhitespace = c is ' ' or '\t' or '\n' or '\r' or 0x85 or 0x2028 or 0x2029;
        }

        bool blockPlain = true, single = true, block = true;
        if (leadingSpace || leadingBreak || trailingSpace || trailingBreak)
        {
            blockPlain = false;
        }

        if (trailingSpace)
        {
            block = false;
        }

        if (breakSpace)
        {
            blockPlain = false;
            single = false;
        }

        if (spaceBreak || special)
        {
            blockPlain = false;
            single = false;
            block = false;
        }

        if (lineBreaks)
        {
            blockPlain = false;
        }

        if (blockIndicators)
        {
            blockPlain = false;
        }

        return new Analysis(lineBreaks, blockPlain, single, block);
    }
}
