using System.Globalization;
using System.Text;
using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating.Functions.Sprig;

/// <summary>Go's <c>time.Duration</c> (int64 nanoseconds): <c>String()</c> and <c>time.ParseDuration</c>.</summary>
internal sealed class GoDuration : IGoObject
{
    public static readonly GoType DurationType = GoType.Named(GoKind.Int64, "time.Duration");

    public GoDuration(long nanoseconds) => Nanoseconds = nanoseconds;

    public long Nanoseconds { get; }

    public GoType Type => DurationType;

    public GoFunction? GetMethod(string name) => name switch
    {
        "String" => GoFunction.Fixed("String", GoType.String, [], (_, _) => GoResult.Ok(Format())),
        "Seconds" => GoFunction.Fixed("Seconds", GoType.Float64, [], (_, _) => GoResult.Ok(Nanoseconds / 1e9)),
        "Minutes" => GoFunction.Fixed("Minutes", GoType.Float64, [], (_, _) => GoResult.Ok(Nanoseconds / 6e10)),
        "Hours" => GoFunction.Fixed("Hours", GoType.Float64, [], (_, _) => GoResult.Ok(Nanoseconds / 3.6e12)),
        "Milliseconds" => GoFunction.Fixed("Milliseconds", GoType.Int64, [], (_, _) => GoResult.Ok(new GoInt64(Nanoseconds / 1_000_000))),
        _ => null,
    };

    public bool TryGetField(string name, out object? value)
    {
        value = null;
        return false;
    }

    public GoString Format() => GoString.FromUtf8(ToGoString(Nanoseconds));

    public override string ToString() => ToGoString(Nanoseconds);

    /// <summary>Go's <c>Duration.String</c>: "1h2m3.5s", "1.5ms", "0s".</summary>
    public static string ToGoString(long d)
    {
        if (d == 0)
        {
            return "0s";
        }

        var neg = d < 0;
        var u = neg ? unchecked((ulong)(-d)) : (ulong)d;
        var sb = new StringBuilder();
        if (u < 1_000_000_000UL)
        {
            // Sub-second: ns, µs or ms with a fraction.
            string unit;
            int prec;
            if (u < 1000UL)
            {
                return (neg ? "-" : string.Empty) + u.ToString(CultureInfo.InvariantCulture) + "ns";
            }
            else if (u < 1_000_000UL)
            {
                unit = "µs";
                prec = 3;
            }
            else
            {
                unit = "ms";
                prec = 6;
            }

            sb.Append(Fraction(u, prec)).Append(unit);
        }
        else
        {
            var secondsPart = Fraction(u % 60_000_000_000UL, 9);
            var minutes = u / 60_000_000_000UL;
            var text = new StringBuilder();
            if (minutes > 0)
            {
                var hours = minutes / 60;
                minutes %= 60;
                if (hours > 0)
                {
                    text.Append(hours.ToString(CultureInfo.InvariantCulture)).Append('h');
                }

                text.Append(minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
            }

            text.Append(secondsPart).Append('s');
            sb.Append(text);
        }

        return (neg ? "-" : string.Empty) + sb;
    }

    // v / 10^prec printed with the fraction's trailing zeros removed.
    private static string Fraction(ulong v, int prec)
    {
        var pow = 1UL;
        for (var i = 0; i < prec; i++)
        {
            pow *= 10;
        }

        var whole = v / pow;
        var frac = v % pow;
        if (frac == 0)
        {
            return whole.ToString(CultureInfo.InvariantCulture);
        }

        var fracText = frac.ToString(CultureInfo.InvariantCulture).PadLeft(prec, '0').TrimEnd('0');
        return whole.ToString(CultureInfo.InvariantCulture) + "." + fracText;
    }

    /// <summary>Go's <c>time.ParseDuration</c>; null and Go's error on failure.</summary>
    public static long? Parse(string s, out string? error)
    {
        var orig = s;
        error = null;
        ulong d = 0;
        var neg = false;
        if (s.Length > 0 && (s[0] == '-' || s[0] == '+'))
        {
            neg = s[0] == '-';
            s = s[1..];
        }

        if (s == "0")
        {
            return 0;
        }

        if (s.Length == 0)
        {
            error = "time: invalid duration " + Quote(orig);
            return null;
        }

        while (s.Length > 0)
        {
            if (!(s[0] == '.' || char.IsAsciiDigit(s[0])))
            {
                error = "time: invalid duration " + Quote(orig);
                return null;
            }

            var i = 0;
            ulong v = 0;
            var overflow = false;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                if (v > (ulong.MaxValue >> 1) / 10)
                {
                    overflow = true;
                }

                v = unchecked((v * 10) + (ulong)(s[i] - '0'));
                i++;
            }

            if (overflow || v > 1UL << 63)
            {
                error = "time: invalid duration " + Quote(orig);
                return null;
            }

            var pre = i != 0;
            ulong f = 0;
            var scale = 1.0;
            var post = false;
            if (i < s.Length && s[i] == '.')
            {
                i++;
                var start = i;
                while (i < s.Length && char.IsAsciiDigit(s[i]))
                {
                    if (f <= (ulong.MaxValue >> 1) / 10)
                    {
                        f = (f * 10) + (ulong)(s[i] - '0');
                        scale *= 10;
                    }

                    i++;
                }

                post = i != start;
            }

            if (!pre && !post)
            {
                error = "time: invalid duration " + Quote(orig);
                return null;
            }

            s = s[i..];
            var u = 0;
            while (u < s.Length && s[u] != '.' && !char.IsAsciiDigit(s[u]))
            {
                u++;
            }

            if (u == 0)
            {
                error = "time: missing unit in duration " + Quote(orig);
                return null;
            }

            var unitName = s[..u];
            s = s[u..];
            ulong unit = unitName switch
            {
                "ns" => 1,
                "us" or "µs" or "μs" => 1000,
                "ms" => 1_000_000,
                "s" => 1_000_000_000,
                "m" => 60_000_000_000,
                "h" => 3_600_000_000_000,
                _ => 0,
            };
            if (unit == 0)
            {
                error = "time: unknown unit " + Quote(unitName) + " in duration " + Quote(orig);
                return null;
            }

            if (v > (1UL << 63) / unit)
            {
                error = "time: invalid duration " + Quote(orig);
                return null;
            }

            v *= unit;
            if (f > 0)
            {
                v += (ulong)(f * (unit / scale));
                if (v > 1UL << 63)
                {
                    error = "time: invalid duration " + Quote(orig);
                    return null;
                }
            }

            d += v;
            if (d > 1UL << 63)
            {
                error = "time: invalid duration " + Quote(orig);
                return null;
            }
        }

        if (neg)
        {
            return unchecked(-(long)d);
        }

        if (d > long.MaxValue)
        {
            error = "time: invalid duration " + Quote(orig);
            return null;
        }

        return (long)d;
    }

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
