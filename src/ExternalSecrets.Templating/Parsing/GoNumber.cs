using System.Globalization;
using System.Numerics;

namespace ExternalSecrets.Templating.Parsing;

/// <summary>
/// Go's <c>strconv.ParseInt(s, 0, 64)</c>, <c>ParseUint(s, 0, 64)</c> and <c>ParseFloat(s, 64)</c>
/// for number literals in templates: base prefixes 0x/0o/0b, legacy leading-zero octal, digit
/// separators (<c>_</c>) only between digits, decimal and hexadecimal floats.
/// </summary>
internal static class GoNumber
{
    public static bool TryParseInt(string s, out long value)
    {
        value = 0;
        if (s.Length == 0)
        {
            return false;
        }

        var neg = false;
        var body = s;
        if (body[0] is '+' or '-')
        {
            neg = body[0] == '-';
            body = body[1..];
        }

        if (!TryParseUnsignedBody(body, s, out var u))
        {
            return false;
        }

        if (neg)
        {
            if (u > (ulong)long.MaxValue + 1)
            {
                return false;
            }

            value = unchecked(-(long)u);
            return true;
        }

        if (u > long.MaxValue)
        {
            return false;
        }

        value = (long)u;
        return true;
    }

    public static bool TryParseUint(string s, out ulong value)
    {
        value = 0;
        if (s.Length == 0 || s[0] is '+' or '-')
        {
            return false;
        }

        return TryParseUnsignedBody(s, s, out value);
    }

    private static bool TryParseUnsignedBody(string s, string whole, out ulong value)
    {
        value = 0;
        if (s.Length == 0)
        {
            return false;
        }

        var @base = 10;
        var digits = s;
        if (s[0] == '0')
        {
            if (s.Length >= 3 && char.ToLowerInvariant(s[1]) is 'x' or 'o' or 'b')
            {
                @base = char.ToLowerInvariant(s[1]) switch { 'x' => 16, 'o' => 8, _ => 2 };
                digits = s[2..];
            }
            else if (s.Length > 1)
            {
                @base = 8;
                digits = s[1..];
            }
        }

        var sawUnderscore = false;
        var any = false;
        ulong result = 0;
        foreach (var c in digits)
        {
            if (c == '_')
            {
                sawUnderscore = true;
                continue;
            }

            int d;
            if (c is >= '0' and <= '9')
            {
                d = c - '0';
            }
            else if (c is >= 'a' and <= 'z')
            {
                d = c - 'a' + 10;
            }
            else if (c is >= 'A' and <= 'Z')
            {
                d = c - 'A' + 10;
            }
            else
            {
                return false;
            }

            if (d >= @base)
            {
                return false;
            }

            any = true;
            var next = (result * (ulong)@base) + (ulong)d;
            if (result > (ulong.MaxValue - (ulong)d) / (ulong)@base)
            {
                return false;
            }

            result = next;
        }

        if (!any)
        {
            return false;
        }

        if (sawUnderscore && !UnderscoreOk(whole))
        {
            return false;
        }

        value = result;
        return true;
    }

    /// <summary>Go's rule: underscores only between digits, or between a base prefix and a digit.</summary>
    public static bool UnderscoreOk(string s)
    {
        var saw = '^';
        var i = 0;
        if (s.Length >= 1 && s[0] is '-' or '+')
        {
            s = s[1..];
        }

        var hex = false;
        if (s.Length >= 2 && s[0] == '0' && char.ToLowerInvariant(s[1]) is 'b' or 'o' or 'x')
        {
            i = 2;
            saw = '0';
            hex = char.ToLowerInvariant(s[1]) == 'x';
        }

        for (; i < s.Length; i++)
        {
            var c = s[i];
            if (c is >= '0' and <= '9' || (hex && char.ToLowerInvariant(c) is >= 'a' and <= 'f'))
            {
                saw = '0';
                continue;
            }

            if (c == '_')
            {
                if (saw != '0')
                {
                    return false;
                }

                saw = '_';
                continue;
            }

            if (saw == '_')
            {
                return false;
            }

            saw = '!';
        }

        return saw != '_';
    }

    public static bool TryParseFloat(string s, out double value)
    {
        value = 0;
        if (s.Length == 0)
        {
            return false;
        }

        if (s.Contains('_', StringComparison.Ordinal))
        {
            if (!UnderscoreOk(s))
            {
                return false;
            }

            s = s.Replace("_", string.Empty, StringComparison.Ordinal);
        }

        var body = s;
        var neg = false;
        if (body[0] is '+' or '-')
        {
            neg = body[0] == '-';
            body = body[1..];
        }

        if (body.Length > 2 && body[0] == '0' && body[1] is 'x' or 'X')
        {
            if (!TryParseHexFloat(body[2..], out value))
            {
                return false;
            }

            value = neg ? -value : value;
            return true;
        }

        foreach (var c in body)
        {
            if (!(c is >= '0' and <= '9' or '.' or 'e' or 'E' or '+' or '-'))
            {
                return false;
            }
        }

        if (body.Length == 0 || body == ".")
        {
            return false;
        }

        if (!double.TryParse(body, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }

        if (double.IsInfinity(value))
        {
            return false;
        }

        value = neg ? -value : value;
        return true;
    }

    private static bool TryParseHexFloat(string s, out double value)
    {
        value = 0;
        var p = s.IndexOfAny(['p', 'P']);
        if (p < 0)
        {
            return false;
        }

        var mantissa = s[..p];
        if (!int.TryParse(s.AsSpan(p + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exp))
        {
            return false;
        }

        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot >= 0 ? mantissa[..dot] : mantissa;
        var frac = dot >= 0 ? mantissa[(dot + 1)..] : string.Empty;
        if (intPart.Length + frac.Length == 0)
        {
            return false;
        }

        BigInteger m = 0;
        foreach (var c in intPart + frac)
        {
            if (!Uri.IsHexDigit(c))
            {
                return false;
            }

            m = (m * 16) + Convert.ToInt32(c.ToString(), 16);
        }

        exp -= 4 * frac.Length;
        // Scale in two steps to keep precision for long mantissas.
        var bits = (int)Math.Max(0, (long)m.GetBitLength() - 60);
        var top = (double)(m >> bits);
        value = Math.ScaleB(top, exp + bits);
        return !double.IsInfinity(value);
    }
}
