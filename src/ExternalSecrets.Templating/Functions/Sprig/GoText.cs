using System.Globalization;
using System.Text;
using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating.Functions.Sprig;

/// <summary>
/// Go's view of text inside byte strings: <c>utf8.DecodeRune</c> (an invalid byte is one
/// <c>U+FFFD</c> of size 1), <c>[]rune(s)</c>, and the <c>unicode</c> predicates sprig's string
/// helpers depend on. Working on bytes keeps binary secret data intact where Go keeps it.
/// </summary>
internal static class GoText
{
    public const int RuneError = 0xFFFD;

    /// <summary>Go's <c>utf8.DecodeRune</c>: the rune at the start of <paramref name="s"/> and its size.</summary>
    public static int DecodeRune(ReadOnlySpan<byte> s, out int size)
    {
        if (s.IsEmpty)
        {
            size = 0;
            return RuneError;
        }

        if (s[0] < 0x80)
        {
            size = 1;
            return s[0];
        }

        if (Rune.DecodeFromUtf8(s, out var r, out var consumed) == System.Buffers.OperationStatus.Done)
        {
            size = consumed;
            return r.Value;
        }

        size = 1;
        return RuneError;
    }

    /// <summary>Go's <c>[]rune(s)</c>.</summary>
    public static List<int> ToRunes(GoString s)
    {
        var runes = new List<int>(s.Length);
        var span = s.Span;
        while (!span.IsEmpty)
        {
            runes.Add(DecodeRune(span, out var size));
            span = span[size..];
        }

        return runes;
    }

    /// <summary>Go's <c>string(runes)</c>.</summary>
    public static GoString FromRunes(IEnumerable<int> runes)
    {
        var sb = new GoStringBuilder();
        foreach (var r in runes)
        {
            sb.AppendRune(r);
        }

        return sb.ToGoString();
    }

    /// <summary>Go's <c>unicode.IsSpace</c>.</summary>
    public static bool IsSpace(int r)
    {
        if (r <= 0xFF)
        {
            return r is '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or 0x85 or 0xA0;
        }

        return IsValidRune(r) && Rune.IsWhiteSpace(new Rune(r));
    }

    public static bool IsUpper(int r) => IsValidRune(r) && Rune.GetUnicodeCategory(new Rune(r)) == UnicodeCategory.UppercaseLetter;

    public static bool IsLower(int r) => IsValidRune(r) && Rune.GetUnicodeCategory(new Rune(r)) == UnicodeCategory.LowercaseLetter;

    public static bool IsTitle(int r) => IsValidRune(r) && Rune.GetUnicodeCategory(new Rune(r)) == UnicodeCategory.TitlecaseLetter;

    public static bool IsLetter(int r) => IsValidRune(r) && Rune.IsLetter(new Rune(r));

    public static bool IsDigit(int r) => IsValidRune(r) && Rune.GetUnicodeCategory(new Rune(r)) == UnicodeCategory.DecimalDigitNumber;

    /// <summary>Go's <c>unicode.IsNumber</c> (category N).</summary>
    public static bool IsNumber(int r) => IsValidRune(r) && Rune.IsNumber(new Rune(r));

    /// <summary>Go's <c>unicode.IsPunct</c> (category P).</summary>
    public static bool IsPunct(int r) => IsValidRune(r) && Rune.IsPunctuation(new Rune(r));

    public static int ToUpper(int r)
    {
        if (r < 0x80)
        {
            return r is >= 'a' and <= 'z' ? r - 32 : r;
        }

        // Simple mappings of UnicodeData that .NET's invariant casing leaves out (Turkish i, long s).
        if (r is 0x131)
        {
            return 'I';
        }

        if (r is 0x17F)
        {
            return 'S';
        }

        return IsValidRune(r) ? Rune.ToUpperInvariant(new Rune(r)).Value : r;
    }

    public static int ToLower(int r)
    {
        if (r < 0x80)
        {
            return r is >= 'A' and <= 'Z' ? r + 32 : r;
        }

        if (r is 0x130)
        {
            return 'i';
        }

        return IsValidRune(r) ? Rune.ToLowerInvariant(new Rune(r)).Value : r;
    }

    /// <summary>Go's <c>unicode.ToTitle</c>: upper case except for the Latin digraphs, which have title forms.</summary>
    public static int ToTitle(int r) => r switch
    {
        >= 0x01C4 and <= 0x01C6 => 0x01C5,
        >= 0x01C7 and <= 0x01C9 => 0x01C8,
        >= 0x01CA and <= 0x01CC => 0x01CB,
        >= 0x01F1 and <= 0x01F3 => 0x01F2,
        _ => ToUpper(r),
    };

    /// <summary>Go's <c>strings.Map</c>: invalid UTF-8 becomes U+FFFD.</summary>
    public static GoString Map(GoString s, Func<int, int> mapping)
    {
        var span = s.Span;
        var sb = new GoStringBuilder(s.Length);
        var changed = false;
        while (!span.IsEmpty)
        {
            var r = DecodeRune(span, out var size);
            var m = mapping(r);
            if (m != r || (r == RuneError && size == 1))
            {
                changed = true;
            }

            if (m >= 0)
            {
                sb.AppendRune(m);
            }
            else
            {
                changed = true;
            }

            span = span[size..];
        }

        return changed ? sb.ToGoString() : s;
    }

    /// <summary>Go's <c>strings.TrimFunc</c>.</summary>
    public static GoString TrimFunc(GoString s, Func<int, bool> predicate)
    {
        var span = s.Span;
        var start = 0;
        while (start < span.Length)
        {
            var r = DecodeRune(span[start..], out var size);
            if (!predicate(r))
            {
                break;
            }

            start += size;
        }

        var end = span.Length;
        while (end > start)
        {
            var (r, size) = DecodeLastRune(span[start..end]);
            if (!predicate(r))
            {
                break;
            }

            end -= size;
        }

        return s.Substring(start, end - start);
    }

    /// <summary>Go's <c>utf8.DecodeLastRune</c>.</summary>
    public static (int Rune, int Size) DecodeLastRune(ReadOnlySpan<byte> s)
    {
        if (s.IsEmpty)
        {
            return (RuneError, 0);
        }

        if (s[^1] < 0x80)
        {
            return (s[^1], 1);
        }

        var lim = Math.Max(0, s.Length - 4);
        for (var start = s.Length - 1; start >= lim; start--)
        {
            if ((s[start] & 0xC0) != 0x80)
            {
                var r = DecodeRune(s[start..], out var size);
                return start + size == s.Length ? (r, size) : (RuneError, 1);
            }
        }

        return (RuneError, 1);
    }

    public static int IndexOf(ReadOnlySpan<byte> s, ReadOnlySpan<byte> sep) => s.IndexOf(sep);

    /// <summary>Go's <c>strings.Split</c>/<c>SplitN</c> (n &lt; 0: all; n == 0: nil).</summary>
    public static List<GoString> Split(GoString s, GoString sep, int n)
    {
        var parts = new List<GoString>();
        if (n == 0)
        {
            return parts;
        }

        if (sep.Length == 0)
        {
            // Explode into UTF-8 sequences (an invalid byte is its own piece).
            var span = s.Span;
            var offset = 0;
            while (offset < span.Length && (n < 0 || parts.Count < n - 1))
            {
                DecodeRune(span[offset..], out var size);
                parts.Add(s.Substring(offset, size));
                offset += size;
            }

            if (offset < span.Length)
            {
                parts.Add(s.Substring(offset, span.Length - offset));
            }

            return parts;
        }

        var start = 0;
        var bytes = s.Span;
        while (n < 0 || parts.Count < n - 1)
        {
            var i = bytes[start..].IndexOf(sep.Span);
            if (i < 0)
            {
                break;
            }

            parts.Add(s.Substring(start, i));
            start += i + sep.Length;
        }

        parts.Add(s.Substring(start, s.Length - start));
        return parts;
    }

    /// <summary>Go's <c>strings.Replace(s, old, new, -1)</c>.</summary>
    public static GoString ReplaceAll(GoString s, GoString old, GoString @new)
    {
        if (old == @new)
        {
            return s;
        }

        var sb = new GoStringBuilder(s.Length);
        var span = s.Span;
        if (old.Length == 0)
        {
            // Go: an empty old matches at the start and after every UTF-8 sequence.
            sb.Append(@new);
            while (!span.IsEmpty)
            {
                DecodeRune(span, out var size);
                sb.Append(span[..size]);
                sb.Append(@new);
                span = span[size..];
            }

            return sb.ToGoString();
        }

        var found = false;
        while (true)
        {
            var i = span.IndexOf(old.Span);
            if (i < 0)
            {
                break;
            }

            found = true;
            sb.Append(span[..i]);
            sb.Append(@new);
            span = span[(i + old.Length)..];
        }

        if (!found)
        {
            return s;
        }

        sb.Append(span);
        return sb.ToGoString();
    }

    public static bool IsValidRune(int r) => r is >= 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF);
}
