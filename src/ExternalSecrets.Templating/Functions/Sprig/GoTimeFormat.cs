using System.Globalization;
using System.Text;

namespace ExternalSecrets.Templating.Functions.Sprig;

/// <summary>
/// Go's reference-time layouts ("2006-01-02T15:04:05Z07:00"): <c>Time.Format</c> and
/// <c>time.ParseInLocation</c>, with the layout tokenizer of Go's <c>nextStdChunk</c> and Go's
/// parse error texts.
/// </summary>
internal static class GoTimeFormat
{
    private static readonly string[] LongDays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
    private static readonly string[] LongMonths = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private enum Std
    {
        None,
        LongMonth,
        Month,
        NumMonth,
        ZeroMonth,
        LongWeekDay,
        WeekDay,
        Day,
        UnderDay,
        ZeroDay,
        UnderYearDay,
        ZeroYearDay,
        Hour,
        Hour12,
        ZeroHour12,
        Minute,
        ZeroMinute,
        Second,
        ZeroSecond,
        LongYear,
        Year,
        PM,
        Pm,
        TZ,
        ISO8601TZ,
        ISO8601SecondsTZ,
        ISO8601ShortTZ,
        ISO8601ColonTZ,
        ISO8601ColonSecondsTZ,
        NumTZ,
        NumSecondsTz,
        NumShortTZ,
        NumColonTZ,
        NumColonSecondsTZ,
        FracSecond0,
        FracSecond9,
    }

    private readonly record struct Chunk(string Prefix, Std Std, int FracDigits, char FracSep, string Suffix, string StdText);

    private static bool StartsWithLower(string s, int i) => i < s.Length && s[i] >= 'a' && s[i] <= 'z';

    private static Chunk Next(string layout)
    {
        for (var i = 0; i < layout.Length; i++)
        {
            Chunk Make(Std std, int len) => new(layout[..i], std, 0, '.', layout[(i + len)..], layout.Substring(i, len));
            bool At(string s) => string.CompareOrdinal(layout, i, s, 0, s.Length) == 0 && i + s.Length <= layout.Length;
            var c = layout[i];
            switch (c)
            {
                case 'J':
                    if (At("Jan"))
                    {
                        if (At("January"))
                        {
                            return Make(Std.LongMonth, 7);
                        }

                        if (!StartsWithLower(layout, i + 3))
                        {
                            return Make(Std.Month, 3);
                        }
                    }

                    break;
                case 'M':
                    if (At("Mon"))
                    {
                        if (At("Monday"))
                        {
                            return Make(Std.LongWeekDay, 6);
                        }

                        if (!StartsWithLower(layout, i + 3))
                        {
                            return Make(Std.WeekDay, 3);
                        }
                    }

                    if (At("MST"))
                    {
                        return Make(Std.TZ, 3);
                    }

                    break;
                case '0':
                    if (i + 1 < layout.Length && layout[i + 1] >= '1' && layout[i + 1] <= '6')
                    {
                        return Make(layout[i + 1] switch
                        {
                            '1' => Std.ZeroMonth,
                            '2' => Std.ZeroDay,
                            '3' => Std.ZeroHour12,
                            '4' => Std.ZeroMinute,
                            '5' => Std.ZeroSecond,
                            _ => Std.Year,
                        }, 2);
                    }

                    if (At("002"))
                    {
                        return Make(Std.ZeroYearDay, 3);
                    }

                    break;
                case '1':
                    if (i + 1 < layout.Length && layout[i + 1] == '5')
                    {
                        return Make(Std.Hour, 2);
                    }

                    return Make(Std.NumMonth, 1);
                case '2':
                    if (At("2006"))
                    {
                        return Make(Std.LongYear, 4);
                    }

                    return Make(Std.Day, 1);
                case '_':
                    if (i + 1 < layout.Length && layout[i + 1] == '2')
                    {
                        if (string.CompareOrdinal(layout, i + 1, "2006", 0, 4) == 0 && i + 5 <= layout.Length)
                        {
                            return new Chunk(layout[..(i + 1)], Std.LongYear, 0, '.', layout[(i + 5)..], "2006");
                        }

                        return Make(Std.UnderDay, 2);
                    }

                    if (At("__2"))
                    {
                        return Make(Std.UnderYearDay, 3);
                    }

                    break;
                case '3':
                    return Make(Std.Hour12, 1);
                case '4':
                    return Make(Std.Minute, 1);
                case '5':
                    return Make(Std.Second, 1);
                case 'P':
                    if (At("PM"))
                    {
                        return Make(Std.PM, 2);
                    }

                    break;
                case 'p':
                    if (At("pm"))
                    {
                        return Make(Std.Pm, 2);
                    }

                    break;
                case '-':
                    if (At("-070000"))
                    {
                        return Make(Std.NumSecondsTz, 7);
                    }

                    if (At("-07:00:00"))
                    {
                        return Make(Std.NumColonSecondsTZ, 9);
                    }

                    if (At("-0700"))
                    {
                        return Make(Std.NumTZ, 5);
                    }

                    if (At("-07:00"))
                    {
                        return Make(Std.NumColonTZ, 6);
                    }

                    if (At("-07"))
                    {
                        return Make(Std.NumShortTZ, 3);
                    }

                    break;
                case 'Z':
                    if (At("Z070000"))
                    {
                        return Make(Std.ISO8601SecondsTZ, 7);
                    }

                    if (At("Z07:00:00"))
                    {
                        return Make(Std.ISO8601ColonSecondsTZ, 9);
                    }

                    if (At("Z0700"))
                    {
                        return Make(Std.ISO8601TZ, 5);
                    }

                    if (At("Z07:00"))
                    {
                        return Make(Std.ISO8601ColonTZ, 6);
                    }

                    if (At("Z07"))
                    {
                        return Make(Std.ISO8601ShortTZ, 3);
                    }

                    break;
                case '.' or ',':
                    if (i + 1 < layout.Length && (layout[i + 1] == '0' || layout[i + 1] == '9'))
                    {
                        var ch = layout[i + 1];
                        var j = i + 1;
                        while (j < layout.Length && layout[j] == ch)
                        {
                            j++;
                        }

                        if (!(j < layout.Length && char.IsAsciiDigit(layout[j])))
                        {
                            return new Chunk(layout[..i], ch == '0' ? Std.FracSecond0 : Std.FracSecond9, j - (i + 1), c, layout[j..], layout[i..j]);
                        }
                    }

                    break;
                default:
                    break;
            }
        }

        return new Chunk(layout, Std.None, 0, '.', string.Empty, string.Empty);
    }

    public static string Format(GoTime t, string layout)
    {
        var sb = new StringBuilder(layout.Length + 10);
        var civil = t.Civil;
        var offset = t.Offset;
        while (layout.Length > 0)
        {
            var chunk = Next(layout);
            sb.Append(chunk.Prefix);
            if (chunk.Std == Std.None)
            {
                break;
            }

            layout = chunk.Suffix;
            var year = civil.Year;
            var hour = civil.Hour;
            switch (chunk.Std)
            {
                case Std.Year:
                    Pad(sb, year % 100, 2);
                    break;
                case Std.LongYear:
                    Pad(sb, year, 4);
                    break;
                case Std.Month:
                    sb.Append(LongMonths[civil.Month - 1], 0, 3);
                    break;
                case Std.LongMonth:
                    sb.Append(LongMonths[civil.Month - 1]);
                    break;
                case Std.NumMonth:
                    Pad(sb, civil.Month, 0);
                    break;
                case Std.ZeroMonth:
                    Pad(sb, civil.Month, 2);
                    break;
                case Std.WeekDay:
                    sb.Append(LongDays[(int)civil.DayOfWeek], 0, 3);
                    break;
                case Std.LongWeekDay:
                    sb.Append(LongDays[(int)civil.DayOfWeek]);
                    break;
                case Std.Day:
                    Pad(sb, civil.Day, 0);
                    break;
                case Std.UnderDay:
                    if (civil.Day < 10)
                    {
                        sb.Append(' ');
                    }

                    Pad(sb, civil.Day, 0);
                    break;
                case Std.ZeroDay:
                    Pad(sb, civil.Day, 2);
                    break;
                case Std.UnderYearDay:
                    sb.Append(civil.DayOfYear < 100 ? (civil.DayOfYear < 10 ? "  " : " ") : string.Empty);
                    Pad(sb, civil.DayOfYear, 0);
                    break;
                case Std.ZeroYearDay:
                    Pad(sb, civil.DayOfYear, 3);
                    break;
                case Std.Hour:
                    Pad(sb, hour, 2);
                    break;
                case Std.Hour12:
                    Pad(sb, hour % 12 == 0 ? 12 : hour % 12, 0);
                    break;
                case Std.ZeroHour12:
                    Pad(sb, hour % 12 == 0 ? 12 : hour % 12, 2);
                    break;
                case Std.Minute:
                    Pad(sb, civil.Minute, 0);
                    break;
                case Std.ZeroMinute:
                    Pad(sb, civil.Minute, 2);
                    break;
                case Std.Second:
                    Pad(sb, civil.Second, 0);
                    break;
                case Std.ZeroSecond:
                    Pad(sb, civil.Second, 2);
                    break;
                case Std.PM:
                    sb.Append(hour >= 12 ? "PM" : "AM");
                    break;
                case Std.Pm:
                    sb.Append(hour >= 12 ? "pm" : "am");
                    break;
                case Std.ISO8601TZ or Std.ISO8601ColonTZ or Std.ISO8601SecondsTZ or Std.ISO8601ShortTZ or Std.ISO8601ColonSecondsTZ
                    or Std.NumTZ or Std.NumColonTZ or Std.NumSecondsTz or Std.NumShortTZ or Std.NumColonSecondsTZ:
                    FormatOffset(sb, chunk.Std, offset);
                    break;
                case Std.TZ:
                    {
                        var name = t.Zone.Abbreviation(t.UnixSeconds);
                        if (name.Length > 0)
                        {
                            sb.Append(name);
                            break;
                        }

                        var zone = offset / 60;
                        sb.Append(zone < 0 ? '-' : '+');
                        zone = Math.Abs(zone);
                        Pad(sb, zone / 60, 2);
                        Pad(sb, zone % 60, 2);
                        break;
                    }

                case Std.FracSecond0 or Std.FracSecond9:
                    FormatFraction(sb, t.Nanos, chunk.FracDigits, chunk.Std == Std.FracSecond9, chunk.FracSep);
                    break;
                default:
                    break;
            }
        }

        return sb.ToString();
    }

    private static void FormatOffset(StringBuilder sb, Std std, int offset)
    {
        var iso = std is Std.ISO8601TZ or Std.ISO8601ColonTZ or Std.ISO8601SecondsTZ or Std.ISO8601ShortTZ or Std.ISO8601ColonSecondsTZ;
        if (offset == 0 && iso)
        {
            sb.Append('Z');
            return;
        }

        var zone = offset / 60;
        var absOffset = Math.Abs(offset);
        sb.Append(zone < 0 || offset < 0 ? '-' : '+');
        zone = Math.Abs(zone);
        Pad(sb, zone / 60, 2);
        if (std is Std.ISO8601ColonTZ or Std.NumColonTZ or Std.ISO8601ColonSecondsTZ or Std.NumColonSecondsTZ)
        {
            sb.Append(':');
        }

        if (std is not Std.NumShortTZ and not Std.ISO8601ShortTZ)
        {
            Pad(sb, zone % 60, 2);
        }

        if (std is Std.ISO8601SecondsTZ or Std.NumSecondsTz or Std.NumColonSecondsTZ or Std.ISO8601ColonSecondsTZ)
        {
            if (std is Std.NumColonSecondsTZ or Std.ISO8601ColonSecondsTZ)
            {
                sb.Append(':');
            }

            Pad(sb, absOffset % 60, 2);
        }
    }

    private static void FormatFraction(StringBuilder sb, int nanos, int digits, bool trim, char sep)
    {
        var text = nanos.ToString("000000000", CultureInfo.InvariantCulture);
        if (digits > 9)
        {
            digits = 9;
        }

        text = text[..digits];
        if (trim)
        {
            text = text.TrimEnd('0');
            if (text.Length == 0)
            {
                return;
            }
        }

        sb.Append(sep).Append(text);
    }

    private static void Pad(StringBuilder sb, int value, int width)
    {
        if (value < 0)
        {
            sb.Append('-');
            value = -value;
        }

        sb.Append(value.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0'));
    }

    /// <summary>Go's <c>time.ParseInLocation(layout, value, loc)</c>; null and Go's error text on failure.</summary>
    public static GoTime? Parse(string layout, string value, GoZone loc, out string? error)
    {
        var alayout = layout;
        var avalue = value;
        error = null;
        int year = 1, month = -1, day = -1, yday = -1, hour = 0, min = 0, sec = 0, nsec = 0;
        var pmSet = false;
        var amSet = false;
        int? zoneOffset = null;
        string? zoneName = null;
        string Fail(string valueElem, string layoutElem, string extra = "") =>
            "parsing time " + Q(alayout == string.Empty ? avalue : avalue) + " as " + Q(alayout) + ": cannot parse " + Q(valueElem) + " as " + Q(layoutElem) + extra;

        while (true)
        {
            var chunk = Next(layout);
            var stdstr = chunk.StdText;
            if (!SkipPrefix(ref value, chunk.Prefix))
            {
                error = Fail(value, chunk.Prefix);
                return null;
            }

            if (chunk.Std == Std.None)
            {
                if (value.Length != 0)
                {
                    error = "parsing time " + Q(avalue) + ": extra text: " + Q(value);
                    return null;
                }

                break;
            }

            layout = chunk.Suffix;
            var rangeError = string.Empty;
            var ok = true;
            switch (chunk.Std)
            {
                case Std.Year:
                    if (value.Length < 2)
                    {
                        ok = false;
                        break;
                    }

                    ok = int.TryParse(value.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out year);
                    year += year >= 69 ? 1900 : 2000;
                    if (ok)
                    {
                        value = value[2..];
                    }

                    break;
                case Std.LongYear:
                    if (value.Length < 4 || !char.IsAsciiDigit(value[0]))
                    {
                        ok = false;
                        break;
                    }

                    // Go consumes the four bytes before converting, so its error shows the rest.
                    ok = value[..4].All(char.IsAsciiDigit);
                    year = ok ? int.Parse(value.AsSpan(0, 4), CultureInfo.InvariantCulture) : 0;
                    value = value[4..];
                    break;
                case Std.Month or Std.LongMonth:
                    ok = Lookup(ref value, chunk.Std == Std.Month ? LongMonths.Select(m => m[..3]).ToArray() : LongMonths, out month);
                    month++;
                    break;
                case Std.NumMonth or Std.ZeroMonth:
                    ok = GetNum(ref value, chunk.Std == Std.ZeroMonth, out month);
                    if (ok && (month <= 0 || month > 12))
                    {
                        rangeError = "month";
                    }

                    break;
                case Std.WeekDay or Std.LongWeekDay:
                    ok = Lookup(ref value, chunk.Std == Std.WeekDay ? LongDays.Select(d => d[..3]).ToArray() : LongDays, out _);
                    break;
                case Std.Day or Std.UnderDay or Std.ZeroDay:
                    if (chunk.Std == Std.UnderDay && value.Length > 0 && value[0] == ' ')
                    {
                        value = value[1..];
                    }

                    ok = GetNum(ref value, chunk.Std == Std.ZeroDay, out day);
                    break;
                case Std.UnderYearDay or Std.ZeroYearDay:
                    for (var i = 0; i < 2 && chunk.Std == Std.UnderYearDay && value.Length > 0 && value[0] == ' '; i++)
                    {
                        value = value[1..];
                    }

                    ok = GetNum3(ref value, chunk.Std == Std.ZeroYearDay, out yday);
                    if (ok && (yday < 1 || yday > 366))
                    {
                        rangeError = "day-of-year";
                    }

                    break;
                case Std.Hour:
                    ok = GetNum(ref value, false, out hour);
                    if (ok && (hour < 0 || hour >= 24))
                    {
                        rangeError = "hour";
                    }

                    break;
                case Std.Hour12 or Std.ZeroHour12:
                    ok = GetNum(ref value, chunk.Std == Std.ZeroHour12, out hour);
                    if (ok && (hour < 0 || hour > 12))
                    {
                        rangeError = "hour";
                    }

                    break;
                case Std.Minute or Std.ZeroMinute:
                    ok = GetNum(ref value, chunk.Std == Std.ZeroMinute, out min);
                    if (ok && (min < 0 || min >= 60))
                    {
                        rangeError = "minute";
                    }

                    break;
                case Std.Second or Std.ZeroSecond:
                    ok = GetNum(ref value, chunk.Std == Std.ZeroSecond, out sec);
                    if (ok && (sec < 0 || sec >= 60))
                    {
                        rangeError = "second";
                        break;
                    }

                    // A fractional second in the value is accepted even if the layout has none.
                    if (ok && value.Length >= 2 && (value[0] == '.' || value[0] == ',') && char.IsAsciiDigit(value[1]))
                    {
                        var next = Next(layout);
                        if (next.Std is Std.FracSecond0 or Std.FracSecond9)
                        {
                            break;
                        }

                        var n = 2;
                        while (n < value.Length && char.IsAsciiDigit(value[n]))
                        {
                            n++;
                        }

                        nsec = ParseNanos(value[1..n]);
                        value = value[n..];
                    }

                    break;
                case Std.PM or Std.Pm:
                    {
                        if (value.Length < 2)
                        {
                            ok = false;
                            break;
                        }

                        var p = value[..2];
                        var upper = chunk.Std == Std.PM;
                        if (p == (upper ? "PM" : "pm"))
                        {
                            pmSet = true;
                        }
                        else if (p == (upper ? "AM" : "am"))
                        {
                            amSet = true;
                        }
                        else
                        {
                            ok = false;
                        }

                        value = value[2..];
                        break;
                    }

                case Std.ISO8601TZ or Std.ISO8601ColonTZ or Std.ISO8601SecondsTZ or Std.ISO8601ShortTZ or Std.ISO8601ColonSecondsTZ
                    or Std.NumTZ or Std.NumShortTZ or Std.NumColonTZ or Std.NumSecondsTz or Std.NumColonSecondsTZ:
                    {
                        var iso = chunk.Std is Std.ISO8601TZ or Std.ISO8601ColonTZ or Std.ISO8601SecondsTZ or Std.ISO8601ShortTZ or Std.ISO8601ColonSecondsTZ;
                        if (iso && value.Length >= 1 && value[0] == 'Z')
                        {
                            value = value[1..];
                            zoneOffset = 0;
                            zoneName = "UTC";
                            break;
                        }

                        var (colon, seconds, shortForm) = chunk.Std switch
                        {
                            Std.ISO8601ColonTZ or Std.NumColonTZ => (true, false, false),
                            Std.ISO8601ColonSecondsTZ or Std.NumColonSecondsTZ => (true, true, false),
                            Std.ISO8601SecondsTZ or Std.NumSecondsTz => (false, true, false),
                            Std.ISO8601ShortTZ or Std.NumShortTZ => (false, false, true),
                            _ => (false, false, false),
                        };
                        var need = shortForm ? 3 : colon ? (seconds ? 9 : 6) : (seconds ? 7 : 5);
                        if (value.Length < need || (value[0] != '+' && value[0] != '-'))
                        {
                            ok = false;
                            break;
                        }

                        var hh = value.Substring(1, 2);
                        var mm = shortForm ? "00" : value.Substring(colon ? 4 : 3, 2);
                        var ss = seconds ? value.Substring(colon ? 7 : 5, 2) : "00";
                        if ((colon && value[3] != ':') || (colon && seconds && value[6] != ':')
                            || !int.TryParse(hh, NumberStyles.None, CultureInfo.InvariantCulture, out var h)
                            || !int.TryParse(mm, NumberStyles.None, CultureInfo.InvariantCulture, out var mi)
                            || !int.TryParse(ss, NumberStyles.None, CultureInfo.InvariantCulture, out var se))
                        {
                            ok = false;
                            break;
                        }

                        var off = (((h * 60) + mi) * 60) + se;
                        zoneOffset = value[0] == '-' ? -off : off;
                        value = value[need..];
                        break;
                    }

                case Std.TZ:
                    {
                        if (value.Length >= 3 && value[..3] == "UTC")
                        {
                            zoneName = "UTC";
                            value = value[3..];
                            break;
                        }

                        var n = 0;
                        while (n < value.Length && char.IsAsciiLetterUpper(value[n]))
                        {
                            n++;
                        }

                        if (n < 3)
                        {
                            ok = false;
                            break;
                        }

                        zoneName = value[..n];
                        value = value[n..];
                        break;
                    }

                case Std.FracSecond0:
                    {
                        var ndigit = 1 + chunk.FracDigits;
                        if (value.Length < ndigit || (value[0] != '.' && value[0] != ','))
                        {
                            ok = false;
                            break;
                        }

                        if (!value[1..ndigit].All(char.IsAsciiDigit))
                        {
                            ok = false;
                            break;
                        }

                        nsec = ParseNanos(value[1..ndigit]);
                        value = value[ndigit..];
                        break;
                    }

                case Std.FracSecond9:
                    {
                        if (value.Length < 2 || (value[0] != '.' && value[0] != ',') || value[1] < '0' || value[1] > '9')
                        {
                            break;
                        }

                        var i = 0;
                        while (i + 1 < value.Length && i < 9 && char.IsAsciiDigit(value[i + 1]))
                        {
                            i++;
                        }

                        nsec = ParseNanos(value[1..(1 + i)]);
                        value = value[(1 + i)..];
                        break;
                    }

                default:
                    break;
            }

            if (rangeError.Length > 0)
            {
                error = "parsing time " + Q(avalue) + ": " + rangeError + " out of range";
                return null;
            }

            if (!ok)
            {
                error = Fail(value, stdstr);
                return null;
            }
        }

        if (pmSet && hour < 12)
        {
            hour += 12;
        }
        else if (amSet && hour == 12)
        {
            hour = 0;
        }

        if (yday >= 0)
        {
            var d = new DateTime(Math.Clamp(year, 1, 9999), 1, 1).AddDays(yday - 1);
            if (d.Year != year)
            {
                error = "parsing time " + Q(avalue) + ": day-of-year out of range";
                return null;
            }

            if ((month >= 0 && month != d.Month) || (day >= 0 && day != d.Day))
            {
                error = "parsing time " + Q(avalue) + ": day-of-year does not match " + (month >= 0 && month != d.Month ? "month" : "day");
                return null;
            }

            month = d.Month;
            day = d.Day;
        }
        else
        {
            if (month < 0)
            {
                month = 1;
            }

            if (day < 0)
            {
                day = 1;
            }
        }

        if (day < 1 || day > DateTime.DaysInMonth(Math.Clamp(year, 1, 9999), month))
        {
            error = "parsing time " + Q(avalue) + ": day out of range";
            return null;
        }

        var civil = new DateTime(Math.Clamp(year, 1, 9999), month, day, hour, min, sec, DateTimeKind.Unspecified);
        var civilUnix = (long)(civil - DateTime.UnixEpoch).TotalSeconds;
        if (zoneOffset is { } zo)
        {
            var utc = civilUnix - zo;
            var zone = loc.OffsetAt(utc) == zo ? loc : zo == 0 && zoneName == "UTC" ? GoZone.Utc : GoZone.Fixed(string.Empty, zo);
            return new GoTime(utc, nsec, zone);
        }

        if (zoneName is not null)
        {
            if (zoneName == "UTC")
            {
                return new GoTime(civilUnix, nsec, GoZone.Utc);
            }

            // Unknown abbreviation: Go records it with offset 0 (or the location's, if it matches).
            return new GoTime(civilUnix, nsec, GoZone.Fixed(zoneName, 0));
        }

        return GoTime.FromCivil(civilUnix, nsec, loc);
    }

    private static int ParseNanos(string digits)
    {
        if (digits.Length > 9)
        {
            digits = digits[..9];
        }

        return int.Parse(digits.PadRight(9, '0'), CultureInfo.InvariantCulture);
    }

    private static bool SkipPrefix(ref string value, string prefix)
    {
        while (prefix.Length > 0)
        {
            if (prefix[0] == ' ')
            {
                if (value.Length > 0 && value[0] != ' ')
                {
                    return false;
                }

                prefix = prefix.TrimStart(' ');
                value = value.TrimStart(' ');
                continue;
            }

            if (value.Length == 0 || value[0] != prefix[0])
            {
                return false;
            }

            prefix = prefix[1..];
            value = value[1..];
        }

        return true;
    }

    private static bool Lookup(ref string value, string[] table, out int index)
    {
        for (var i = 0; i < table.Length; i++)
        {
            if (value.Length >= table[i].Length && string.Equals(value[..table[i].Length], table[i], StringComparison.OrdinalIgnoreCase))
            {
                value = value[table[i].Length..];
                index = i;
                return true;
            }
        }

        index = -1;
        return false;
    }

    // Go's getnum: one or two digits (exactly two when fixed).
    private static bool GetNum(ref string s, bool fixedWidth, out int n)
    {
        n = 0;
        if (s.Length == 0 || !char.IsAsciiDigit(s[0]))
        {
            return false;
        }

        if (s.Length == 1 || !char.IsAsciiDigit(s[1]))
        {
            if (fixedWidth)
            {
                return false;
            }

            n = s[0] - '0';
            s = s[1..];
            return true;
        }

        n = ((s[0] - '0') * 10) + (s[1] - '0');
        s = s[2..];
        return true;
    }

    private static bool GetNum3(ref string s, bool fixedWidth, out int n)
    {
        n = 0;
        var i = 0;
        while (i < 3 && i < s.Length && char.IsAsciiDigit(s[i]))
        {
            n = (n * 10) + (s[i] - '0');
            i++;
        }

        if (i == 0 || (fixedWidth && i != 3))
        {
            return false;
        }

        s = s[i..];
        return true;
    }

    private static string Q(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
