using System.Globalization;
using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating.Functions.Sprig;

/// <summary>
/// Go's <c>time.Time</c> as sprig's date functions return it: an instant with nanoseconds and a
/// location. Templates call its methods (<c>.Unix</c>, <c>.Format</c>, <c>.Year</c>, <c>.UTC</c>…);
/// it prints as Go's <c>Time.String()</c>. "Local" is UTC, as in ESO's container images.
/// </summary>
internal sealed class GoTime : IGoObject, IGoJsonValue
{
    public static readonly GoType TimeType = GoType.Named(GoKind.Struct, "time.Time");

    /// <summary>Seconds from 0001-01-01 to 1970-01-01 (Go's zero time is year 1, UTC).</summary>
    private const long UnixToInternal = 62135596800;

    public GoTime(long unixSeconds, int nanos, GoZone zone)
    {
        UnixSeconds = unixSeconds;
        Nanos = nanos;
        Zone = zone;
    }

    /// <summary>Go's zero <c>time.Time{}</c> (what <c>toDate</c> returns on a parse error).</summary>
    public static GoTime Zero { get; } = new(-UnixToInternal, 0, GoZone.Utc);

    public long UnixSeconds { get; }

    public int Nanos { get; }

    public GoZone Zone { get; }

    public GoType Type => TimeType;

    public int Offset => Zone.OffsetAt(UnixSeconds);

    /// <summary>Civil date and time in the location (DateTime range: years 1–9999).</summary>
    public DateTime Civil => DateTime.UnixEpoch.AddSeconds(UnixSeconds + Offset);

    public static GoTime FromTimeProvider(TimeProvider time)
    {
        var now = time.GetUtcNow();
        var ticks = now.UtcTicks - DateTime.UnixEpoch.Ticks;
        return new GoTime(Math.DivRem(ticks, TimeSpan.TicksPerSecond, out var rem), (int)(rem * 100), GoZone.Local);
    }

    public GoTime In(GoZone zone) => new(UnixSeconds, Nanos, zone);

    public GoTime AddNanoseconds(long d)
    {
        var totalNanos = (long)Nanos + (d % 1_000_000_000);
        var secs = UnixSeconds + (d / 1_000_000_000);
        if (totalNanos >= 1_000_000_000)
        {
            secs++;
            totalNanos -= 1_000_000_000;
        }
        else if (totalNanos < 0)
        {
            secs--;
            totalNanos += 1_000_000_000;
        }

        return new GoTime(secs, (int)totalNanos, Zone);
    }

    /// <summary>Nanoseconds from <paramref name="other"/> to this (saturating like Go's Sub).</summary>
    public long Sub(GoTime other)
    {
        var ds = (Int128)(UnixSeconds - other.UnixSeconds) * 1_000_000_000 + (Nanos - other.Nanos);
        return ds > long.MaxValue ? long.MaxValue : ds < long.MinValue ? long.MinValue : (long)ds;
    }

    public GoString Format() => GoString.FromUtf8(GoTimeFormat.Format(this, "2006-01-02 15:04:05.999999999 -0700 MST"));

    public override string ToString() => Format().ToString();

    public GoString MarshalJson() => GoString.FromUtf8("\"" + GoTimeFormat.Format(this, "2006-01-02T15:04:05.999999999Z07:00") + "\"");

    public bool TryGetField(string name, out object? value)
    {
        value = null;
        return false;
    }

    public GoFunction? GetMethod(string name) => name switch
    {
        "Format" => GoFunction.Fixed("Format", GoType.String, [GoType.String], (_, a) => GoResult.Ok(GoString.FromUtf8(GoTimeFormat.Format(this, ((GoString)a[0]!).ToUtf8String())))),
        "String" => M(GoType.String, Format()),
        "Unix" => M(GoType.Int64, new GoInt64(UnixSeconds)),
        "UnixMilli" => M(GoType.Int64, new GoInt64((UnixSeconds * 1000) + (Nanos / 1_000_000))),
        "UnixMicro" => M(GoType.Int64, new GoInt64((UnixSeconds * 1_000_000) + (Nanos / 1000))),
        "UnixNano" => M(GoType.Int64, new GoInt64((UnixSeconds * 1_000_000_000) + Nanos)),
        "Year" => M(GoType.Int, (long)Civil.Year),
        "Month" => M(GoType.String, GoString.FromUtf8(CultureInfo.InvariantCulture.DateTimeFormat.GetMonthName(Civil.Month))),
        "Day" => M(GoType.Int, (long)Civil.Day),
        "Hour" => M(GoType.Int, (long)Civil.Hour),
        "Minute" => M(GoType.Int, (long)Civil.Minute),
        "Second" => M(GoType.Int, (long)Civil.Second),
        "Nanosecond" => M(GoType.Int, (long)Nanos),
        "YearDay" => M(GoType.Int, (long)Civil.DayOfYear),
        "Weekday" => M(GoType.String, GoString.FromUtf8(Civil.DayOfWeek.ToString())),
        "IsZero" => M(GoType.Bool, GoValues.Box(UnixSeconds == -UnixToInternal && Nanos == 0)),
        "UTC" => M(TimeType, In(GoZone.Utc)),
        "Local" => M(TimeType, In(GoZone.Local)),
        "Add" => GoFunction.Fixed("Add", TimeType, [GoDuration.DurationType], (_, a) => GoResult.Ok(AddNanoseconds(DurationArg(a[0])))),
        "AddDate" => GoFunction.Fixed("AddDate", TimeType, [GoType.Int, GoType.Int, GoType.Int], (_, a) => GoResult.Ok(AddDate((long)a[0]!, (long)a[1]!, (long)a[2]!))),
        "Sub" => GoFunction.Fixed("Sub", GoDuration.DurationType, [TimeType], (_, a) => GoResult.Ok(new GoDuration(Sub((GoTime)a[0]!)))),
        "Before" => GoFunction.Fixed("Before", GoType.Bool, [TimeType], (_, a) => GoResult.Ok(GoValues.Box(Sub((GoTime)a[0]!) < 0))),
        "After" => GoFunction.Fixed("After", GoType.Bool, [TimeType], (_, a) => GoResult.Ok(GoValues.Box(Sub((GoTime)a[0]!) > 0))),
        "Equal" => GoFunction.Fixed("Equal", GoType.Bool, [TimeType], (_, a) => GoResult.Ok(GoValues.Box(Sub((GoTime)a[0]!) == 0))),
        _ => null,
    };

    private static GoFunction M(GoType result, object value) => GoFunction.Fixed("m", result, [], (_, _) => GoResult.Ok(value));

    private static long DurationArg(object? v) => v switch
    {
        GoDuration d => d.Nanoseconds,
        _ => SprigValues.ToInt64(v),
    };

    private GoTime AddDate(long years, long months, long days)
    {
        var c = Civil;
        var shifted = new DateTime(c.Year, 1, 1, c.Hour, c.Minute, c.Second, DateTimeKind.Unspecified)
            .AddYears((int)years)
            .AddMonths(c.Month - 1 + (int)months)
            .AddDays(c.Day - 1 + days);
        var unix = (long)(shifted - DateTime.UnixEpoch).TotalSeconds;
        return FromCivil(unix, Nanos, Zone);
    }

    /// <summary>The instant whose civil time in <paramref name="zone"/> is <paramref name="civilUnixSeconds"/> (seconds of the civil clock since 1970).</summary>
    public static GoTime FromCivil(long civilUnixSeconds, int nanos, GoZone zone)
    {
        var offset = zone.OffsetAt(civilUnixSeconds);
        var utc = civilUnixSeconds - offset;

        // Re-check with the offset at the resulting instant (DST transitions), as Go's Date does.
        var offset2 = zone.OffsetAt(utc);
        if (offset2 != offset)
        {
            utc = civilUnixSeconds - offset2;
        }

        return new GoTime(utc, nanos, zone);
    }
}
