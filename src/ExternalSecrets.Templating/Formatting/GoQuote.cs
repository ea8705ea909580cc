using System.Buffers;
using System.Globalization;
using System.Text;
using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating.Formatting;

/// <summary>Go's <c>strconv.Quote</c>, <c>QuoteToASCII</c>, <c>QuoteRune</c> and <c>unicode.IsPrint</c> on byte strings.</summary>
public static class GoQuote
{
    private const string LowerHex = "0123456789abcdef";

    /// <summary><c>strconv.Quote</c>: a double-quoted Go literal; invalid UTF-8 bytes become <c>\xNN</c>.</summary>
    public static GoString Quote(GoString value, bool asciiOnly = false)
    {
        ArgumentNullException.ThrowIfNull(value);
        var sb = new GoStringBuilder(value.Length + 2);
        AppendQuoted(sb, value.Span, '"', asciiOnly);
        return sb.ToGoString();
    }

    /// <summary><c>strconv.QuoteRune</c>: a single-quoted Go character literal.</summary>
    public static GoString QuoteRune(long rune, bool asciiOnly = false)
    {
        var r = rune is < 0 or > 0x10FFFF or (>= 0xD800 and <= 0xDFFF) ? 0xFFFD : (int)rune;
        var sb = new GoStringBuilder(8);
        sb.Append((byte)'\'');
        AppendRune(sb, r, '\'', asciiOnly);
        sb.Append((byte)'\'');
        return sb.ToGoString();
    }

    /// <summary>Go's <c>strconv.IsPrint</c>: letters, marks, numbers, punctuation, symbols and the ASCII space.</summary>
    public static bool IsPrint(int rune)
    {
        if (rune < 0x20 || rune == 0x7F)
        {
            return false;
        }

        if (rune < 0x7F)
        {
            return true;
        }

        if (rune > 0x10FFFF || (rune >= 0xD800 && rune <= 0xDFFF))
        {
            return false;
        }

        var category = CharUnicodeInfo.GetUnicodeCategory(rune);
        return category switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse
                or UnicodeCategory.OtherNotAssigned or UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator
                or UnicodeCategory.ParagraphSeparator => false,
            _ => true,
        };
    }

    /// <summary><c>strconv.CanBackquote</c>: no control characters other than tab, no backquote, valid UTF-8, no U+FEFF.</summary>
    public static bool CanBackquote(ReadOnlySpan<byte> s)
    {
        while (!s.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(s, out var r, out var n) != OperationStatus.Done)
            {
                return false;
            }

            s = s[n..];
            if (n > 1)
            {
                if (r.Value == 0xFEFF)
                {
                    return false;
                }

                continue;
            }

            if ((r.Value < ' ' && r.Value != '\t') || r.Value == '`' || r.Value == 0x7F)
            {
                return false;
            }
        }

        return true;
    }

    internal static void AppendQuoted(GoStringBuilder sb, ReadOnlySpan<byte> s, char quote, bool asciiOnly)
    {
        sb.Append((byte)quote);
        while (!s.IsEmpty)
        {
            var b = s[0];
            if (b < 0x80)
            {
                AppendRune(sb, b, quote, asciiOnly);
                s = s[1..];
                continue;
            }

            if (Rune.DecodeFromUtf8(s, out var r, out var n) != OperationStatus.Done)
            {
                sb.Append((byte)'\\').Append((byte)'x').Append((byte)LowerHex[b >> 4]).Append((byte)LowerHex[b & 0xF]);
                s = s[1..];
                continue;
            }

            AppendRune(sb, r.Value, quote, asciiOnly);
            s = s[n..];
        }

        sb.Append((byte)quote);
    }

    private static void AppendRune(GoStringBuilder sb, int r, char quote, bool asciiOnly)
    {
        if (r == quote || r == '\\')
        {
            sb.Append((byte)'\\').Append((byte)r);
            return;
        }

        if (asciiOnly ? (r < 0x80 && IsPrint(r)) : IsPrint(r))
        {
            sb.AppendRune(r);
            return;
        }

        switch (r)
        {
            case '\a': sb.Append("\\a"u8); return;
            case '\b': sb.Append("\\b"u8); return;
            case '\f': sb.Append("\\f"u8); return;
            case '\n': sb.Append("\\n"u8); return;
            case '\r': sb.Append("\\r"u8); return;
            case '\t': sb.Append("\\t"u8); return;
            case '\v': sb.Append("\\v"u8); return;
        }

        string text;
        if (r < ' ' || r == 0x7F)
        {
            text = "\\x" + LowerHex[r >> 4] + LowerHex[r & 0xF];
        }
        else if (r < 0x10000)
        {
            text = "\\u" + r.ToString("x4", CultureInfo.InvariantCulture);
        }
        else
        {
            text = "\\U" + r.ToString("x8", CultureInfo.InvariantCulture);
        }

        sb.AppendUtf8(text);
    }
}
