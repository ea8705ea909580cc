using System.Buffers;
using System.Text;
using ExternalSecrets.Templating.Formatting;
using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating.Execution;

internal static partial class Builtins
{
    private const string UpperHex = "0123456789ABCDEF";
    private static readonly SearchValues<byte> QueryUnreserved = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~"u8);
    private static readonly SearchValues<byte> HtmlSpecial = SearchValues.Create("'\"&<>\0"u8);

    /// <summary>Go's <c>template.HTMLEscapeString</c>: &lt; &gt; &amp; ' " escaped, NUL → U+FFFD.</summary>
    public static GoString HtmlEscape(GoString s)
    {
        if (s.Span.IndexOfAny(HtmlSpecial) < 0)
        {
            return s;
        }

        var sb = new GoStringBuilder(s.Length + 16);
        foreach (var c in s.Span)
        {
            switch (c)
            {
                case 0: sb.Append("\uFFFD"u8); break;
                case (byte)'"': sb.Append("&#34;"u8); break;
                case (byte)'\'': sb.Append("&#39;"u8); break;
                case (byte)'&': sb.Append("&amp;"u8); break;
                case (byte)'<': sb.Append("&lt;"u8); break;
                case (byte)'>': sb.Append("&gt;"u8); break;
                default: sb.Append(c); break;
            }
        }

        return sb.ToGoString();
    }

    private static bool JsIsSpecial(int r) => r is '\\' or '\'' or '"' or '<' or '>' or '&' or '=' || r < ' ' || r >= 0x80;

    /// <summary>Go's <c>template.JSEscapeString</c>.</summary>
    public static GoString JsEscape(GoString s)
    {
        var span = s.Span;
        var any = false;
        foreach (var c in span)
        {
            if (JsIsSpecial(c))
            {
                any = true;
                break;
            }
        }

        if (!any)
        {
            return s;
        }

        var sb = new GoStringBuilder(s.Length + 16);
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            if (!JsIsSpecial(c))
            {
                sb.Append(c);
                continue;
            }

            if (c < 0x80)
            {
                switch (c)
                {
                    case (byte)'\\': sb.Append("\\\\"u8); break;
                    case (byte)'\'': sb.Append("\\'"u8); break;
                    case (byte)'"': sb.Append("\\\""u8); break;
                    case (byte)'<': sb.Append("\\u003C"u8); break;
                    case (byte)'>': sb.Append("\\u003E"u8); break;
                    case (byte)'&': sb.Append("\\u0026"u8); break;
                    case (byte)'=': sb.Append("\\u003D"u8); break;
                    default:
                        sb.Append("\\u00"u8).Append((byte)UpperHex[c >> 4]).Append((byte)UpperHex[c & 0xF]);
                        break;
                }

                continue;
            }

            var status = Rune.DecodeFromUtf8(span[i..], out var r, out var size);
            if (status != OperationStatus.Done)
            {
                r = Rune.ReplacementChar;
                size = 1;
            }

            if (GoQuote.IsPrint(r.Value))
            {
                sb.Append(span.Slice(i, size));
            }
            else
            {
                sb.AppendUtf8("\\u" + r.Value.ToString("X4", System.Globalization.CultureInfo.InvariantCulture));
            }

            i += size - 1;
        }

        return sb.ToGoString();
    }

    /// <summary>Go's <c>url.QueryEscape</c>: unreserved bytes kept, space → '+', the rest %XX.</summary>
    public static GoString QueryEscape(GoString s)
    {
        if (!s.Span.ContainsAnyExcept(QueryUnreserved))
        {
            return s;
        }

        var sb = new GoStringBuilder(s.Length + 8);
        foreach (var c in s.Span)
        {
            if (c is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9' or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~')
            {
                sb.Append(c);
            }
            else if (c == ' ')
            {
                sb.Append((byte)'+');
            }
            else
            {
                sb.Append((byte)'%').Append((byte)UpperHex[c >> 4]).Append((byte)UpperHex[c & 0xF]);
            }
        }

        return sb.ToGoString();
    }
}
