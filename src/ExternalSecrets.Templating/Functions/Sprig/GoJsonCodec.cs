using System.Globalization;
using ExternalSecrets.Templating.Formatting;
using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating.Functions.Sprig;

/// <summary>
/// Go's <c>encoding/json</c> for template values: <c>Marshal</c> (sorted map keys, HTML escaping,
/// Go's float format, invalid UTF-8 as U+FFFD) and <c>Unmarshal</c> into <c>interface{}</c>
/// (objects → <c>map[string]interface {}</c>, arrays → <c>[]interface {}</c>, numbers → float64)
/// with Go's syntax error messages.
/// </summary>
internal static class GoJsonCodec
{
    private const string Hex = "0123456789abcdef";

    /// <summary><c>json.Marshal</c> / <c>MarshalIndent(v, "", indent)</c>; null with <paramref name="error"/> on unsupported values.</summary>
    public static GoString? Marshal(object? value, string? indent, bool escapeHtml, out string? error)
    {
        var sb = new GoStringBuilder();
        error = Write(sb, value, indent, escapeHtml, 0);
        return error is null ? sb.ToGoString() : null;
    }

    private static string? Write(GoStringBuilder sb, object? value, string? indent, bool escapeHtml, int depth)
    {
        if (depth > 1000)
        {
            return "json: unsupported value: encountered a cycle";
        }

        switch (value)
        {
            case null:
                sb.AppendUtf8("null");
                return null;
            case bool b:
                sb.AppendUtf8(b ? "true" : "false");
                return null;
            case long or GoInt64 or ulong:
                sb.AppendUtf8(GoFmt.Sprint(value).ToString());
                return null;
            case double d:
                return WriteFloat(sb, d);
            case GoString s:
                WriteString(sb, s.Span, escapeHtml);
                return null;
            case GoList list:
                {
                    sb.Append((byte)'[');
                    for (var i = 0; i < list.Count; i++)
                    {
                        if (i > 0)
                        {
                            sb.Append((byte)',');
                        }

                        NewLine(sb, indent, depth + 1);
                        var err = Write(sb, list[i], indent, escapeHtml, depth + 1);
                        if (err is not null)
                        {
                            return err;
                        }
                    }

                    if (list.Count > 0)
                    {
                        NewLine(sb, indent, depth);
                    }

                    sb.Append((byte)']');
                    return null;
                }

            case GoMap map:
                {
                    sb.Append((byte)'{');
                    var keys = map.SortedKeys();
                    for (var i = 0; i < keys.Length; i++)
                    {
                        if (i > 0)
                        {
                            sb.Append((byte)',');
                        }

                        NewLine(sb, indent, depth + 1);
                        WriteString(sb, keys[i].Span, escapeHtml);
                        sb.Append((byte)':');
                        if (indent is not null)
                        {
                            sb.Append((byte)' ');
                        }

                        var err = Write(sb, map[keys[i]], indent, escapeHtml, depth + 1);
                        if (err is not null)
                        {
                            return err;
                        }
                    }

                    if (keys.Length > 0)
                    {
                        NewLine(sb, indent, depth);
                    }

                    sb.Append((byte)'}');
                    return null;
                }

            case IGoJsonValue j:
                sb.Append(j.MarshalJson());
                return null;
            case GoFunction f:
                return "json: unsupported type: " + f.GoTypeName();
            default:
                sb.AppendUtf8("{}");
                return null;
        }
    }

    private static void NewLine(GoStringBuilder sb, string? indent, int depth)
    {
        if (indent is null)
        {
            return;
        }

        sb.Append((byte)'\n');
        for (var i = 0; i < depth; i++)
        {
            sb.AppendUtf8(indent);
        }
    }

    private static string? WriteFloat(GoStringBuilder sb, double f)
    {
        if (double.IsNaN(f) || double.IsInfinity(f))
        {
            return "json: unsupported value: " + GoFloat.Format(f, 'g', -1);
        }

        var abs = Math.Abs(f);
        var fmt = abs != 0 && (abs < 1e-6 || abs >= 1e21) ? 'e' : 'f';
        var text = GoFloat.Format(f, fmt, -1);
        if (fmt == 'e')
        {
            // Go trims e-09 to e-9.
            var n = text.Length;
            if (n >= 4 && text[n - 4] == 'e' && text[n - 3] == '-' && text[n - 2] == '0')
            {
                text = text[..(n - 2)] + text[n - 1];
            }
        }

        sb.AppendUtf8(text);
        return null;
    }

    /// <summary>Go's JSON string encoding (encodeState.string).</summary>
    public static void WriteString(GoStringBuilder sb, ReadOnlySpan<byte> s, bool escapeHtml)
    {
        sb.Append((byte)'"');
        var i = 0;
        while (i < s.Length)
        {
            var b = s[i];
            if (b < 0x80)
            {
                if (b >= 0x20 && b != '"' && b != '\\' && (!escapeHtml || (b != '<' && b != '>' && b != '&')))
                {
                    sb.Append(b);
                    i++;
                    continue;
                }

                switch (b)
                {
                    case (byte)'\\':
                    case (byte)'"':
                        sb.Append((byte)'\\').Append(b);
                        break;
                    case (byte)'\b':
                        sb.AppendUtf8("\\b");
                        break;
                    case (byte)'\f':
                        sb.AppendUtf8("\\f");
                        break;
                    case (byte)'\n':
                        sb.AppendUtf8("\\n");
                        break;
                    case (byte)'\r':
                        sb.AppendUtf8("\\r");
                        break;
                    case (byte)'\t':
                        sb.AppendUtf8("\\t");
                        break;
                    default:
                        sb.AppendUtf8("\\u00").Append((byte)Hex[b >> 4]).Append((byte)Hex[b & 0xF]);
                        break;
                }

                i++;
                continue;
            }

            var r = GoText.DecodeRune(s[i..], out var size);
            if (r == GoText.RuneError && size == 1)
            {
                sb.AppendUtf8("\\ufffd");
                i++;
                continue;
            }

            if (r is 0x2028 or 0x2029)
            {
                sb.AppendUtf8(r == 0x2028 ? "\\u2028" : "\\u2029");
                i += size;
                continue;
            }

            sb.Append(s.Slice(i, size));
            i += size;
        }

        sb.Append((byte)'"');
    }

    /// <summary><c>json.Unmarshal(data, &amp;interface{})</c>: the value, or null and Go's error text.</summary>
    public static object? Unmarshal(ReadOnlySpan<byte> data, out string? error)
    {
        var p = new Parser(data.ToArray());
        try
        {
            p.SkipSpace();
            var v = p.ParseValue(0);
            p.SkipSpace();
            if (p.Pos < p.Data.Length)
            {
                throw p.Invalid("after top-level value");
            }

            error = null;
            return v;
        }
        catch (FormatException e)
        {
            error = e.Message;
            return null;
        }
    }

    private sealed class Parser(byte[] data)
    {
        public byte[] Data { get; } = data;

        public int Pos { get; set; }

        public void SkipSpace()
        {
            while (Pos < Data.Length && Data[Pos] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
            {
                Pos++;
            }
        }

        /// <summary>Inside a literal or number Go's scanner sees end of input as a space.</summary>
        public FormatException InvalidOrSpace(string context) =>
            Pos >= Data.Length ? new FormatException("invalid character ' ' " + context) : Invalid(context);

        public FormatException Invalid(string context)
        {
            if (Pos >= Data.Length)
            {
                return new FormatException("unexpected end of JSON input");
            }

            return new FormatException("invalid character " + QuoteChar(Data[Pos]) + " " + context);
        }

        private static string QuoteChar(byte c)
        {
            if (c == '\'')
            {
                return "'\\''";
            }

            if (c == '"')
            {
                return "'\"'";
            }

            var q = GoQuote.QuoteRune(c).ToString();
            return "'" + q[1..^1] + "'";
        }

        private byte Peek() => Pos < Data.Length ? Data[Pos] : throw new FormatException("unexpected end of JSON input");

        public object? ParseValue(int depth)
        {
            if (depth > 10000)
            {
                throw new FormatException("exceeded max depth");
            }

            var c = Peek();
            switch (c)
            {
                case (byte)'{':
                    return ParseObject(depth);
                case (byte)'[':
                    return ParseArray(depth);
                case (byte)'"':
                    return ParseString();
                case (byte)'t':
                    Literal("true");
                    return GoValues.Box(true);
                case (byte)'f':
                    Literal("false");
                    return GoValues.Box(false);
                case (byte)'n':
                    Literal("null");
                    return null;
                default:
                    if (c == '-' || (c >= '0' && c <= '9'))
                    {
                        return ParseNumber();
                    }

                    throw Invalid("looking for beginning of value");
            }
        }

        private void Literal(string word)
        {
            Pos++;
            for (var i = 1; i < word.Length; i++)
            {
                if (Pos >= Data.Length || Data[Pos] != word[i])
                {
                    throw InvalidOrSpace($"in literal {word} (expecting '{word[i]}')");
                }

                Pos++;
            }
        }

        private GoMap ParseObject(int depth)
        {
            var map = new GoMap(GoType.MapOfStringToAny);
            Pos++;
            SkipSpace();
            if (Peek() == '}')
            {
                Pos++;
                return map;
            }

            while (true)
            {
                SkipSpace();
                if (Peek() != '"')
                {
                    throw Invalid("looking for beginning of object key string");
                }

                var key = ParseString();
                SkipSpace();
                if (Peek() != ':')
                {
                    throw Invalid("after object key");
                }

                Pos++;
                SkipSpace();
                map[key] = ParseValue(depth + 1);
                SkipSpace();
                var c = Peek();
                if (c == ',')
                {
                    Pos++;
                    continue;
                }

                if (c == '}')
                {
                    Pos++;
                    return map;
                }

                throw Invalid("after object key:value pair");
            }
        }

        private GoList ParseArray(int depth)
        {
            var list = new GoList(GoType.SliceOfAny);
            Pos++;
            SkipSpace();
            if (Peek() == ']')
            {
                Pos++;
                return list;
            }

            while (true)
            {
                SkipSpace();
                list.Add(ParseValue(depth + 1));
                SkipSpace();
                var c = Peek();
                if (c == ',')
                {
                    Pos++;
                    continue;
                }

                if (c == ']')
                {
                    Pos++;
                    return list;
                }

                throw Invalid("after array element");
            }
        }

        private GoString ParseString()
        {
            Pos++;
            var sb = new GoStringBuilder();
            while (true)
            {
                var c = Peek();
                if (c == '"')
                {
                    Pos++;
                    return sb.ToGoString();
                }

                if (c < 0x20)
                {
                    throw Invalid("in string literal");
                }

                if (c == '\\')
                {
                    Pos++;
                    var e = Peek();
                    switch (e)
                    {
                        case (byte)'"' or (byte)'\\' or (byte)'/':
                            sb.Append(e);
                            break;
                        case (byte)'b':
                            sb.Append((byte)'\b');
                            break;
                        case (byte)'f':
                            sb.Append((byte)'\f');
                            break;
                        case (byte)'n':
                            sb.Append((byte)'\n');
                            break;
                        case (byte)'r':
                            sb.Append((byte)'\r');
                            break;
                        case (byte)'t':
                            sb.Append((byte)'\t');
                            break;
                        case (byte)'u':
                            {
                                Pos++;
                                var r = Hex4();
                                if (r is >= 0xD800 and < 0xDC00 && Pos + 1 < Data.Length && Data[Pos] == '\\' && Data[Pos + 1] == 'u')
                                {
                                    var save = Pos;
                                    Pos += 2;
                                    var r2 = Hex4();
                                    if (r2 is >= 0xDC00 and < 0xE000)
                                    {
                                        r = 0x10000 + ((r - 0xD800) << 10) + (r2 - 0xDC00);
                                    }
                                    else
                                    {
                                        Pos = save;
                                        r = GoText.RuneError;
                                    }
                                }
                                else if (r is >= 0xD800 and < 0xE000)
                                {
                                    r = GoText.RuneError;
                                }

                                sb.AppendRune(r);
                                continue;
                            }

                        default:
                            throw Invalid("in string escape code");
                    }

                    Pos++;
                    continue;
                }

                if (c < 0x80)
                {
                    sb.Append(c);
                    Pos++;
                    continue;
                }

                var rune = GoText.DecodeRune(Data.AsSpan(Pos), out var size);
                if (rune == GoText.RuneError && size == 1)
                {
                    sb.AppendRune(GoText.RuneError);
                }
                else
                {
                    sb.Append(Data.AsSpan(Pos, size));
                }

                Pos += size;
            }
        }

        private int Hex4()
        {
            var r = 0;
            for (var i = 0; i < 4; i++)
            {
                var c = Peek();
                int d = c switch
                {
                    >= (byte)'0' and <= (byte)'9' => c - '0',
                    >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
                    >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
                    _ => throw Invalid("in \\u hexadecimal character escape"),
                };
                r = (r * 16) + d;
                Pos++;
            }

            return r;
        }

        private double ParseNumber()
        {
            var start = Pos;
            if (Data[Pos] == '-')
            {
                Pos++;
                var c = Pos < Data.Length ? Data[Pos] : (byte)' ';
                if (c < '0' || c > '9')
                {
                    throw InvalidOrSpace("in numeric literal");
                }
            }

            if (Data[Pos] == '0')
            {
                Pos++;
            }
            else
            {
                while (Pos < Data.Length && Data[Pos] >= '0' && Data[Pos] <= '9')
                {
                    Pos++;
                }
            }

            if (Pos < Data.Length && Data[Pos] == '.')
            {
                Pos++;
                var c = Pos < Data.Length ? Data[Pos] : (byte)' ';
                if (c < '0' || c > '9')
                {
                    throw InvalidOrSpace("after decimal point in numeric literal");
                }

                while (Pos < Data.Length && Data[Pos] >= '0' && Data[Pos] <= '9')
                {
                    Pos++;
                }
            }

            if (Pos < Data.Length && (Data[Pos] == 'e' || Data[Pos] == 'E'))
            {
                Pos++;
                if (Pos < Data.Length && Data[Pos] is (byte)'+' or (byte)'-')
                {
                    Pos++;
                }

                var c = Pos < Data.Length ? Data[Pos] : (byte)' ';
                if (c < '0' || c > '9')
                {
                    throw InvalidOrSpace("in exponent of numeric literal");
                }

                while (Pos < Data.Length && Data[Pos] >= '0' && Data[Pos] <= '9')
                {
                    Pos++;
                }
            }

            var text = System.Text.Encoding.ASCII.GetString(Data, start, Pos - start);
            var value = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
            if (double.IsInfinity(value))
            {
                throw new FormatException("json: cannot unmarshal number " + text + " into Go value of type float64");
            }

            return value;
        }
    }
}
