using System.Globalization;
using System.Text;

namespace ExternalSecrets.Templating.Formatting;

/// <summary>
/// Go's <c>strconv.FormatFloat(v, fmt, prec, 64)</c> for the formats <c>e E f F g G</c>:
/// shortest round-trip digits when <c>prec &lt; 0</c>, otherwise correctly rounded (ties to even,
/// as Go's decimal rounding does). <c>%v</c> of a float64 is format 'g' with prec -1, which switches
/// to exponent form when the decimal exponent is &lt; -4 or ≥ 6 (so 1e6 prints <c>1e+06</c>).
/// </summary>
public static class GoFloat
{
    /// <summary>Formats like Go's <c>strconv.FormatFloat(value, format, precision, 64)</c>.</summary>
    public static string Format(double value, char format, int precision)
    {
        var sb = new StringBuilder(24);
        Append(sb, value, format, precision);
        return sb.ToString();
    }

    internal static void Append(StringBuilder sb, double value, char format, int precision)
    {
        if (double.IsNaN(value))
        {
            sb.Append("NaN");
            return;
        }

        if (double.IsInfinity(value))
        {
            sb.Append(value > 0 ? "+Inf" : "-Inf");
            return;
        }

        var neg = double.IsNegative(value);
        var abs = Math.Abs(value);
        var shortest = precision < 0;
        string digits;
        int dp;
        switch (format)
        {
            case 'e' or 'E':
                if (shortest)
                {
                    (digits, dp) = Shortest(abs);
                    precision = digits.Length - 1;
                }
                else
                {
                    (digits, dp) = Rounded(abs, precision + 1);
                }

                if (neg)
                {
                    sb.Append('-');
                }

                AppendE(sb, digits, dp, precision, format);
                return;
            case 'f' or 'F':
                if (shortest)
                {
                    (digits, dp) = Shortest(abs);
                    precision = Math.Max(digits.Length - dp, 0);
                }
                else
                {
                    (digits, dp) = RoundedFixed(abs, precision);
                }

                if (neg)
                {
                    sb.Append('-');
                }

                AppendF(sb, digits, dp, precision);
                return;
            case 'g' or 'G':
                {
                    var eprec = precision;
                    if (shortest)
                    {
                        (digits, dp) = Shortest(abs);
                        eprec = 6;
                    }
                    else
                    {
                        if (precision == 0)
                        {
                            precision = 1;
                        }

                        (digits, dp) = Rounded(abs, precision);
                        digits = digits.TrimEnd('0');
                        if (digits.Length == 0)
                        {
                            digits = "0";
                        }

                        eprec = precision;
                        if (eprec > digits.Length && digits.Length >= dp)
                        {
                            eprec = digits.Length;
                        }
                    }

                    if (neg)
                    {
                        sb.Append('-');
                    }

                    var exp = dp - 1;
                    if (abs == 0)
                    {
                        exp = 0;
                    }

                    if (exp < -4 || exp >= eprec)
                    {
                        AppendE(sb, digits, dp, digits.Length - 1, format == 'g' ? 'e' : 'E');
                    }
                    else
                    {
                        AppendF(sb, digits, dp, Math.Max(digits.Length - dp, 0));
                    }

                    return;
                }

            case 'b':
                AppendBinary(sb, value);
                return;
            default:
                AppendHex(sb, value, format, precision);
                return;
        }
    }

    private static (ulong Mant, int Exp) Decompose(double value)
    {
        var bits = (ulong)BitConverter.DoubleToInt64Bits(value);
        var exp = (int)((bits >> 52) & 0x7FF);
        var mant = bits & ((1UL << 52) - 1);
        if (exp == 0)
        {
            exp++;
        }
        else
        {
            mant |= 1UL << 52;
        }

        return (mant, exp - 1023);
    }

    /// <summary>Go's 'b' format: decimal mantissa and binary exponent, e.g. 4503599627370496p-52.</summary>
    private static void AppendBinary(StringBuilder sb, double value)
    {
        var (mant, exp) = Decompose(value);
        if (double.IsNegative(value))
        {
            sb.Append('-');
        }

        exp -= 52;
        sb.Append(mant.ToString(CultureInfo.InvariantCulture)).Append('p');
        if (exp >= 0)
        {
            sb.Append('+');
        }

        sb.Append(exp.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Go's 'x'/'X' format: hexadecimal mantissa and binary exponent, e.g. 0x1.8p+00.</summary>
    private static void AppendHex(StringBuilder sb, double value, char format, int prec)
    {
        var (mant, exp) = Decompose(value);
        if (mant == 0)
        {
            exp = 0;
        }

        mant <<= 60 - 52;
        while (mant != 0 && (mant & (1UL << 60)) == 0)
        {
            mant <<= 1;
            exp--;
        }

        if (prec >= 0 && prec < 15)
        {
            var shift = prec * 4;
            var extra = (mant << shift) & ((1UL << 60) - 1);
            mant >>= 60 - shift;
            if ((extra | (mant & 1)) > 1UL << 59)
            {
                mant++;
            }

            mant <<= 60 - shift;
            if ((mant & (1UL << 61)) != 0)
            {
                mant >>= 1;
                exp++;
            }
        }

        var hex = format == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
        if (double.IsNegative(value))
        {
            sb.Append('-');
        }

        sb.Append('0').Append(format).Append((char)('0' + (int)((mant >> 60) & 1)));
        mant <<= 4;
        if (prec < 0 && mant != 0)
        {
            sb.Append('.');
            while (mant != 0)
            {
                sb.Append(hex[(int)((mant >> 60) & 15)]);
                mant <<= 4;
            }
        }
        else if (prec > 0)
        {
            sb.Append('.');
            for (var i = 0; i < prec; i++)
            {
                sb.Append(hex[(int)((mant >> 60) & 15)]);
                mant <<= 4;
            }
        }

        sb.Append(format == 'X' ? 'P' : 'p');
        sb.Append(exp < 0 ? '-' : '+');
        exp = Math.Abs(exp);
        sb.Append(exp < 10 ? "0" + exp.ToString(CultureInfo.InvariantCulture) : exp.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>Shortest digits that round-trip: value = 0.DIGITS × 10^dp.</summary>
    private static (string Digits, int Dp) Shortest(double abs)
    {
        if (abs == 0)
        {
            return ("0", 1);
        }

        var shortestText = abs.ToString("R", CultureInfo.InvariantCulture);
        // "R" yields forms like 1E+20, 1.5E-05, 123.45, 0.0001; normalise via its digits.
        return Parse(shortestText);
    }

    private static (string Digits, int Dp) Parse(string text)
    {
        var e = text.IndexOfAny(['E', 'e']);
        var mantissa = e >= 0 ? text[..e] : text;
        var exp = e >= 0 ? int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : 0;
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot >= 0 ? mantissa[..dot] : mantissa;
        var frac = dot >= 0 ? mantissa[(dot + 1)..] : string.Empty;
        var all = intPart + frac;
        var dp = intPart.Length + exp;
        var lead = 0;
        while (lead < all.Length - 1 && all[lead] == '0')
        {
            lead++;
            dp--;
        }

        all = all[lead..].TrimEnd('0');
        if (all.Length == 0)
        {
            return ("0", 1);
        }

        return (all, dp);
    }

    /// <summary>Exactly <paramref name="n"/> significant digits, rounded half to even on the (near-)exact expansion.</summary>
    private static (string Digits, int Dp) Rounded(double abs, int n)
    {
        if (abs == 0)
        {
            return (new string('0', Math.Max(n, 1)), 1);
        }

        var (exact, dp) = Parse(abs.ToString("E" + (n + 30).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
        return RoundDigits(exact, dp, n);
    }

    /// <summary>Digits with <paramref name="decimals"/> places after the point.</summary>
    private static (string Digits, int Dp) RoundedFixed(double abs, int decimals)
    {
        if (abs == 0)
        {
            return ("0", 1);
        }

        var (_, dp0) = Parse(abs.ToString("E3", CultureInfo.InvariantCulture));
        var n = dp0 + decimals;
        if (n < 0)
        {
            return ("0", 1);
        }

        var (exact, dp) = Parse(abs.ToString("E" + (n + 30).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture));
        n = dp + decimals;
        if (n < 0)
        {
            return ("0", 1);
        }

        return RoundDigits(exact, dp, n);
    }

    private static (string Digits, int Dp) RoundDigits(string exact, int dp, int n)
    {
        if (exact.Length <= n)
        {
            return (exact.PadRight(Math.Max(n, 1), '0'), dp);
        }

        var roundUp = false;
        var next = n < exact.Length ? exact[n] : '0';
        if (next > '5')
        {
            roundUp = true;
        }
        else if (next == '5')
        {
            var rest = exact.AsSpan(n + 1).TrimEnd('0');
            roundUp = rest.Length > 0 || (n > 0 && (exact[n - 1] - '0') % 2 == 1);
        }

        var chars = (n > 0 ? exact[..n] : string.Empty).ToCharArray();
        if (roundUp)
        {
            var i = chars.Length - 1;
            while (i >= 0 && chars[i] == '9')
            {
                chars[i] = '0';
                i--;
            }

            if (i < 0)
            {
                return ("1" + new string(chars), dp + 1);
            }

            chars[i]++;
        }

        if (chars.Length == 0)
        {
            return ("0", dp + 1);
        }

        return (new string(chars), dp);
    }

    private static void AppendE(StringBuilder sb, string digits, int dp, int prec, char e)
    {
        sb.Append(digits[0]);
        if (prec > 0)
        {
            sb.Append('.');
            for (var i = 1; i <= prec; i++)
            {
                sb.Append(i < digits.Length ? digits[i] : '0');
            }
        }

        var exp = digits == "0" || digits.All(c => c == '0') ? 0 : dp - 1;
        sb.Append(e);
        sb.Append(exp < 0 ? '-' : '+');
        exp = Math.Abs(exp);
        if (exp < 10)
        {
            sb.Append('0');
        }

        sb.Append(exp.ToString(CultureInfo.InvariantCulture));
    }

    private static void AppendF(StringBuilder sb, string digits, int dp, int prec)
    {
        if (dp > 0)
        {
            for (var i = 0; i < dp; i++)
            {
                sb.Append(i < digits.Length ? digits[i] : '0');
            }
        }
        else
        {
            sb.Append('0');
        }

        if (prec > 0)
        {
            sb.Append('.');
            for (var i = 0; i < prec; i++)
            {
                var j = dp + i;
                sb.Append(j >= 0 && j < digits.Length ? digits[j] : '0');
            }
        }
    }
}
