using System.Buffers;
using System.Text;
using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating.Parsing;

/// <summary>Go's <c>strconv.Unquote</c> and <c>UnquoteChar</c> for template literals; results are byte strings.</summary>
internal static class GoUnquote
{
    /// <summary>Unquotes a "…", `…` or '…' literal; false on Go's "invalid syntax".</summary>
    public static bool TryUnquote(ReadOnlySpan<byte> s, out GoString value)
    {
        value = GoString.Empty;
        if (s.Length < 2)
        {
            return false;
        }

        var quote = s[0];
        if (quote != s[^1])
        {
            return false;
        }

        var body = s[1..^1];
        if (quote == '`')
        {
            if (body.Contains((byte)'`'))
            {
                return false;
            }

            if (body.Contains((byte)'\r'))
            {
                var sb = new GoStringBuilder(body.Length);
                foreach (var b in body)
                {
                    if (b != '\r')
                    {
                        sb.Append(b);
                    }
                }

                value = sb.ToGoString();
                return true;
            }

            value = GoString.FromBytes(body);
            return true;
        }

        if (quote != '"' && quote != '\'')
        {
            return false;
        }

        if (body.Contains((byte)'\n'))
        {
            return false;
        }

        var output = new GoStringBuilder(body.Length);
        var count = 0;
        while (!body.IsEmpty)
        {
            if (!TryUnquoteChar(ref body, quote, output))
            {
                return false;
            }

            count++;
            if (quote == '\'' && !body.IsEmpty)
            {
                return false;
            }
        }

        if (quote == '\'' && count != 1)
        {
            return false;
        }

        value = output.ToGoString();
        return true;
    }

    /// <summary>The code point of a character literal such as <c>'a'</c>, <c>'\n'</c>, <c>'\u00e9'</c>.</summary>
    public static bool TryUnquoteRune(ReadOnlySpan<byte> s, out int rune, out bool malformedTail)
    {
        rune = 0;
        malformedTail = false;
        if (s.Length < 2 || s[0] != '\'')
        {
            return false;
        }

        var body = s[1..];
        var tmp = new GoStringBuilder(4);
        if (!TryUnquoteChar(ref body, (byte)'\'', tmp, out rune))
        {
            return false;
        }

        if (body.Length != 1 || body[0] != '\'')
        {
            malformedTail = true;
        }

        return true;
    }

    private static bool TryUnquoteChar(ref ReadOnlySpan<byte> s, byte quote, GoStringBuilder output) =>
        TryUnquoteChar(ref s, quote, output, out _);

    private static bool TryUnquoteChar(ref ReadOnlySpan<byte> s, byte quote, GoStringBuilder output, out int rune)
    {
        rune = 0;
        var c = s[0];
        if (c == quote && (quote == '\'' || quote == '"'))
        {
            return false;
        }

        if (c >= 0x80)
        {
            var status = Rune.DecodeFromUtf8(s, out var r, out var n);
            if (status != OperationStatus.Done)
            {
                r = Rune.ReplacementChar;
                n = 1;
            }

            rune = r.Value;
            output.AppendRune(r.Value);
            s = s[n..];
            return true;
        }

        if (c != '\\')
        {
            rune = c;
            output.Append(c);
            s = s[1..];
            return true;
        }

        if (s.Length <= 1)
        {
            return false;
        }

        var e = s[1];
        s = s[2..];
        switch (e)
        {
            case (byte)'a': rune = '\a'; break;
            case (byte)'b': rune = '\b'; break;
            case (byte)'f': rune = '\f'; break;
            case (byte)'n': rune = '\n'; break;
            case (byte)'r': rune = '\r'; break;
            case (byte)'t': rune = '\t'; break;
            case (byte)'v': rune = '\v'; break;
            case (byte)'\\': rune = '\\'; break;
            case (byte)'\'' or (byte)'"':
                if (e != quote)
                {
                    return false;
                }

                rune = e;
                break;
            case (byte)'x' or (byte)'u' or (byte)'U':
                {
                    var n = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    if (s.Length < n)
                    {
                        return false;
                    }

                    var v = 0;
                    for (var j = 0; j < n; j++)
                    {
                        var d = HexValue(s[j]);
                        if (d < 0)
                        {
                            return false;
                        }

                        v = (v << 4) | d;
                    }

                    s = s[n..];
                    if (e == 'x')
                    {
                        rune = v;
                        output.Append((byte)v);
                        return true;
                    }

                    if (v > 0x10FFFF || (v >= 0xD800 && v <= 0xDFFF))
                    {
                        return false;
                    }

                    rune = v;
                    output.AppendRune(v);
                    return true;
                }

            case >= (byte)'0' and <= (byte)'7':
                {
                    var v = e - '0';
                    if (s.Length < 2)
                    {
                        return false;
                    }

                    for (var j = 0; j < 2; j++)
                    {
                        var d = s[j] - '0';
                        if (d < 0 || d > 7)
                        {
                            return false;
                        }

                        v = (v << 3) | d;
                    }

                    s = s[2..];
                    if (v > 255)
                    {
                        return false;
                    }

                    rune = v;
                    output.Append((byte)v);
                    return true;
                }

            default:
                return false;
        }

        output.Append((byte)rune);
        return true;
    }

    private static int HexValue(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };
}
