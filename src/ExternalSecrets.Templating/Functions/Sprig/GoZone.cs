using System.Globalization;

namespace ExternalSecrets.Templating.Functions.Sprig;

/// <summary>
/// A Go <c>*time.Location</c>: UTC, Local (UTC, as ESO's images have no local zone), a fixed
/// offset from a parsed time, or an IANA zone from the system's zoneinfo (Go's LoadLocation).
/// </summary>
internal sealed class GoZone
{
    public static readonly GoZone Utc = new("UTC", null, 0, "UTC");
    public static readonly GoZone Local = new("Local", null, 0, "UTC");

    private readonly TimeZoneInfo? _tz;
    private readonly int _fixedOffset;
    private readonly string? _fixedAbbreviation;

    private GoZone(string name, TimeZoneInfo? tz, int fixedOffset, string? fixedAbbreviation)
    {
        Name = name;
        _tz = tz;
        _fixedOffset = fixedOffset;
        _fixedAbbreviation = fixedAbbreviation;
    }

    public string Name { get; }

    public static GoZone Fixed(string abbreviation, int offsetSeconds) => new(abbreviation, null, offsetSeconds, abbreviation);

    /// <summary>Go's <c>time.LoadLocation</c>: "" and "UTC" are UTC, "Local" is Local; null for unknown names.</summary>
    public static GoZone? Load(string name)
    {
        switch (name)
        {
            case "" or "UTC":
                return Utc;
            case "Local":
                return Local;
        }

        if (name.Contains("..", StringComparison.Ordinal) || name.StartsWith('/') || name.Contains('\\', StringComparison.Ordinal))
        {
            return null;
        }

        try
        {
            return new GoZone(name, TimeZoneInfo.FindSystemTimeZoneById(name), 0, null);
        }
        catch (TimeZoneNotFoundException)
        {
            return null;
        }
        catch (InvalidTimeZoneException)
        {
            return null;
        }
    }

    public int OffsetAt(long unixSeconds)
    {
        if (_tz is null)
        {
            return _fixedOffset;
        }

        var instant = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(unixSeconds, -62135596800, 253402300799));
        return (int)_tz.GetUtcOffset(instant).TotalSeconds;
    }

    /// <summary>
    /// The zone abbreviation Go prints for "MST". .NET exposes no tz abbreviations, so IANA zones
    /// print the numeric form tzdata itself uses for many zones ("+01", "-0330").
    /// </summary>
    public string Abbreviation(long unixSeconds)
    {
        if (_tz is null)
        {
            return _fixedAbbreviation ?? string.Empty;
        }

        var offset = OffsetAt(unixSeconds);
        if (offset == 0 && (_tz.Id is "Etc/UTC" or "UTC" or "Etc/GMT" or "GMT"))
        {
            return _tz.Id.EndsWith("GMT", StringComparison.Ordinal) ? "GMT" : "UTC";
        }

        var sign = offset < 0 ? '-' : '+';
        var abs = Math.Abs(offset) / 60;
        var text = sign + (abs / 60).ToString("00", CultureInfo.InvariantCulture);
        return abs % 60 == 0 ? text : text + (abs % 60).ToString("00", CultureInfo.InvariantCulture);
    }
}
