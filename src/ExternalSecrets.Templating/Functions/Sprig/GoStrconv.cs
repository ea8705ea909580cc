using System.Globalization;

namespace ExternalSecrets.Templating.Functions.Sprig;

/// <summary>Go's <c>strconv.ParseInt</c> and <c>ParseFloat</c> acceptance rules (success/failure only).</summary>
internal static class GoStrconv
{
    /// <summary><c>strconv.ParseInt(s, base, 64)</c>; base 0 honours 0x/0o/0b/0 prefixes and underscores.</summary>
    public static bool TryParseInt(string s, int numberBase, out long value)
    {
        value = 0;
        if (s.Length == 0)
        {
            return false;
        }

        var negative = false;
        var i = 0;
        if (s[0] is '+' or '-')
        {
            negative = s[0] == '-';
            i = 1;
        }

        if (!TryParseUint(s[i..], numberBase, out var u))
        {
            return false;
        }

        if (negative)
        {
            if (u > 1UL << 63)
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

    public static bool TryParseUint(string s, int numberBase, out ulong value)
    {
        value = 0;
        if (s.Length == 0)
        {
            return false;
        }

        var underscores = false;
        if (numberBase == 0)
        {
            numberBase = 10;
            if (s[0] == '0')
            {
                if (s.Length >= 3 && char.ToLowerInvariant(s[1]) == 'b')
                {
                    numberBase = 2;
                    s = s[2..];
                }
                else if (s.Length >= 3 && char.ToLowerInvariant(s[1]) == 'o')
                {
                    numberBase = 8;
                    s = s[2..];
                }
                else if (s.Length >= 3 && char.ToLowerInvariant(s[1]) == 'x')
                {
                    numberBase = 16;
                    s = s[2..];
                }
                else
                {
                    numberBase = 8;
                    s = s[1..];
                }

                underscores = true;
            }
            else
            {
                underscores = true;
            }
        }

        if (s.Length == 0 && numberBase != 8)
        {
            return false;
        }

        ulong n = 0;
        var sawUnderscore = false;
        foreach (var c in s)
        {
            if (c == '_' && underscores)
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

            if (d >= numberBase)
            {
                return false;
            }

            var next = unchecked((n * (ulong)numberBase) + (ulong)d);
            if (n > ulong.MaxValue / (ulong)numberBase || next < n * (ulong)numberBase)
            {
                return false;
            }

            n = next;
        }

        if (sawUnderscore && !UnderscoreOk(s))
        {
            return false;
        }

        value = n;
        return true;
    }

    // Go allows underscores only between digits (after a base prefix they were already stripped here).
    private static bool UnderscoreOk(string digits) =>
        digits.Length > 0 && digits[0] != '_' && digits[^1] != '_' && !digits.Contains("__", StringComparison.Ordinal);

    /// <summary><c>strconv.ParseFloat(s, 64)</c> acceptance: decimal/exponent forms, inf/infinity/nan, hex floats.</summary>
    public static bool TryParseFloat(string s, out double value)
    {
        value = 0;
        if (s.Length == 0)
        {
            return false;
        }

        var body = s[0] is '+' or '-' ? s[1..] : s;
        var sign = s[0] == '-' ? -1.0 : 1.0;
        var lower = body.ToLowerInvariant();
        if (lower is "inf" or "infinity")
        {
            value = sign * double.PositiveInfinity;
            return true;
        }

        if (lower == "nan")
        {
            value = double.NaN;
            return true;
        }

        foreach (var c in body)
        {
            if (!(char.IsAsciiDigit(c) || c is '.' or 'e' or 'E' or '+' or '-' or '_'))
            {
                return false;
            }
        }

        if (body.Contains('_', StringComparison.Ordinal))
        {
            return false;
        }

        return double.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out value)
            && !double.IsInfinity(value);
    }
}
