using System.Globalization;
using System.Numerics;

namespace ExternalSecrets.Templating.Parsing;

/// <summary>
/// Go's <c>strconv</c> number parsing, the one implementation for the whole engine: template number
/// literals (<c>ParseInt/ParseUint(s, 0, 64)</c>, <c>ParseFloat(s, 64)</c>) and the functions that
/// call strconv (sprig's <c>atoi</c>, <c>int64</c>, <c>float64</c>, ESO's YAML resolution). Base 0
/// honours the 0x/0o/0b prefixes, legacy leading-zero octal and digit separators (<c>_</c>) only
/// between digits or after a prefix; an explicit base allows neither. Floats: decimal and hexadecimal
/// forms, separators as in Go literals; <see cref="TryParseStrconvFloat"/> also takes inf/infinity/nan.
/// Success/failure as Go's (checked against Go 1.19's strconv).
/// </summary>
internal static class GoNumber
{
    public static bool TryParseInt(string s, out long value) => TryParseInt(s, 0, out value);

    /// <summary><c>strconv.ParseInt(s, numberBase, 64)</c>.</summary>
    public static bool TryParseInt(string s, int numberBase, out long value)
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

        if (!TryParseUnsignedBody(body, numberBase, s, out var u))
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

    public static bool TryParseUint(string s, out ulong value) => TryParseUint(s, 0, out value);

    /// <summary><c>strconv.ParseUint(s, numberBase, 64)</c>: no sign.</summary>
    public static bool TryParseUint(string s, int numberBase, out ulong value)
    {
        value = 0;
        if (s.Length == 0 || s[0] is '+' or '-')
        {
            return false;
        }

        return TryParseUnsignedBody(s, numberBase, s, out value);
    }

    private static bool TryParseUnsignedBody(string s, int numberBase, string whole, out ulong value)
    {
        value = 0;
        if (s.Length == 0)
        {
            return false;
        }

        var @base = numberBase;
        var digits = s;
        if (numberBase == 0)
        {
            @base = 10;
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
        }

        var sawUnderscore = false;
        var any = false;
        ulong result = 0;
        foreach (var c in digits)
        {
            if (c == '_' && numberBase == 0)
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
            if (result > (ulong.MaxValue - (ulong)d) / (ulong)@base)
            {
                return false;
            }

            result = (result * (ulong)@base) + (ulong)d;
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

    /// <summary><c>strconv.ParseFloat(s, 64)</c>: <see cref="TryParseFloat"/> plus inf and infinity (any case, signed) and nan (any case, unsigned).</summary>
    public static bool TryParseStrconvFloat(string s, out double value)
    {
        var body = s.Length > 0 && s[0] is '+' or '-' ? s[1..] : s;
        if (body.Equals("inf", StringComparison.OrdinalIgnoreCase) || body.Equals("infinity", StringComparison.OrdinalIgnoreCase))
        {
            value = s[0] == '-' ? double.NegativeInfinity : double.PositiveInfinity;
            return true;
        }

        // Go takes a sign before inf/infinity only: "-nan" is a syntax error.
        if (s.Equals("nan", StringComparison.OrdinalIgnoreCase))
        {
            value = double.NaN;
            return true;
        }

        return TryParseFloat(s, out value);
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
