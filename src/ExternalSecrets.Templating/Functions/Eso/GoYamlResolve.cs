using System.Globalization;
using System.Text.RegularExpressions;
using ExternalSecrets.Templating.Functions.Sprig;
using ExternalSecrets.Templating.Parsing;

namespace ExternalSecrets.Templating.Functions.Eso;

/// <summary>
/// go-yaml v2's implicit typing of plain scalars (YAML 1.1: yes/no/on/off are booleans, 0x/0o/0b
/// and leading-zero octal integers, timestamps) and its "natural" map-key order.
/// </summary>
internal static partial class GoYamlResolve
{
    public enum Tag
    {
        Str,
        Null,
        Bool,
        Int,
        Float,
        Timestamp,
        Merge,
    }

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex YamlStyleFloat();

    [GeneratedRegex(@"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Base60Float();

    /// <summary>The tag a plain scalar resolves to, and its value (bool, long, ulong, double, null or the string).</summary>
    public static (Tag Tag, object? Value) Resolve(string s)
    {
        switch (s)
        {
            case "y" or "Y" or "yes" or "Yes" or "YES" or "true" or "True" or "TRUE" or "on" or "On" or "ON":
                return (Tag.Bool, true);
            case "n" or "N" or "no" or "No" or "NO" or "false" or "False" or "FALSE" or "off" or "Off" or "OFF":
                return (Tag.Bool, false);
            case "" or "~" or "null" or "Null" or "NULL":
                return (Tag.Null, null);
            case ".nan" or ".NaN" or ".NAN":
                return (Tag.Float, double.NaN);
            case ".inf" or ".Inf" or ".INF" or "+.inf" or "+.Inf" or "+.INF":
                return (Tag.Float, double.PositiveInfinity);
            case "-.inf" or "-.Inf" or "-.INF":
                return (Tag.Float, double.NegativeInfinity);
            case "<<":
                return (Tag.Merge, s);
            default:
                break;
        }

        var c = s[0];
        if (c == '.')
        {
            return GoNumber.TryParseStrconvFloat(s, out var f) ? (Tag.Float, f) : (Tag.Str, s);
        }

        if (c is '+' or '-' || char.IsAsciiDigit(c))
        {
            if (IsTimestamp(s))
            {
                return (Tag.Timestamp, s);
            }

            var plain = s.Replace("_", string.Empty, StringComparison.Ordinal);
            if (GoNumber.TryParseInt(plain, 0, out var i))
            {
                return (Tag.Int, i);
            }

            if (GoNumber.TryParseUint(plain, 0, out var u))
            {
                return (Tag.Int, u);
            }

            if (YamlStyleFloat().IsMatch(plain) && GoNumber.TryParseStrconvFloat(plain, out var f))
            {
                return (Tag.Float, f);
            }

            if (plain.StartsWith("0b", StringComparison.Ordinal) && GoNumber.TryParseInt(plain[2..], 2, out i))
            {
                return (Tag.Int, i);
            }

            if (plain.StartsWith("-0b", StringComparison.Ordinal) && GoNumber.TryParseInt("-" + plain[3..], 2, out i))
            {
                return (Tag.Int, i);
            }
        }

        return (Tag.Str, s);
    }

    public static bool IsBase60Float(string s) =>
        s.Length > 0 && (s[0] is '+' or '-' || char.IsAsciiDigit(s[0])) && s.Contains(':', StringComparison.Ordinal) && Base60Float().IsMatch(s);

    private static bool IsTimestamp(string s)
    {
        var i = 0;
        while (i < s.Length && char.IsAsciiDigit(s[i]))
        {
            i++;
        }

        if (i != 4 || i == s.Length || s[i] != '-')
        {
            return false;
        }

        foreach (var layout in new[] { "2006-1-2T15:4:5.999999999Z07:00", "2006-1-2t15:4:5.999999999Z07:00", "2006-1-2 15:4:5.999999999", "2006-1-2" })
        {
            if (GoTimeFormat.Parse(layout, s, GoZone.Utc, out _) is not null)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>go-yaml v2's keyList.Less for string keys: digit runs compare as numbers, letters before digits.</summary>
    public static int CompareKeys(string a, string b)
    {
        if (a == b)
        {
            return 0;
        }

        return Less(a, b) ? -1 : 1;
    }

    private static bool Less(string sa, string sb)
    {
        var ar = sa.EnumerateRunes().Select(r => r.Value).ToArray();
        var br = sb.EnumerateRunes().Select(r => r.Value).ToArray();
        for (var i = 0; i < ar.Length && i < br.Length; i++)
        {
            if (ar[i] == br[i])
            {
                continue;
            }

            var al = GoText.IsLetter(ar[i]);
            var bl = GoText.IsLetter(br[i]);
            if (al && bl)
            {
                return ar[i] < br[i];
            }

            if (al || bl)
            {
                return bl;
            }

            long an = 0, bn = 0;
            int ai, bi;
            if (ar[i] == '0' || br[i] == '0')
            {
                for (var j = i - 1; j >= 0 && GoText.IsDigit(ar[j]); j--)
                {
                    if (ar[j] != '0')
                    {
                        an = 1;
                        bn = 1;
                        break;
                    }
                }
            }

            for (ai = i; ai < ar.Length && GoText.IsDigit(ar[ai]); ai++)
            {
                an = unchecked((an * 10) + (ar[ai] - '0'));
            }

            for (bi = i; bi < br.Length && GoText.IsDigit(br[bi]); bi++)
            {
                bn = unchecked((bn * 10) + (br[bi] - '0'));
            }

            if (an != bn)
            {
                return an < bn;
            }

            if (ai != bi)
            {
                return ai < bi;
            }

            return ar[i] < br[i];
        }

        return ar.Length < br.Length;
    }

    public static string FormatFloat(double f) => f switch
    {
        double.PositiveInfinity => ".inf",
        double.NegativeInfinity => "-.inf",
        _ when double.IsNaN(f) => ".nan",
        _ => Formatting.GoFloat.Format(f, 'g', -1),
    };

    public static string FormatInt(object v) => Convert.ToString(v, CultureInfo.InvariantCulture)!;
}
