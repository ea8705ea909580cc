using System.Globalization;
using ExternalSecrets.Templating.Parsing;
using ExternalSecrets.Templating.Values;
using static ExternalSecrets.Templating.Functions.Sprig.Sig;

namespace ExternalSecrets.Templating.Functions.Sprig;

/// <summary>
/// sprig's date.go over <see cref="GoTime"/>: Go layouts, the injected clock for <c>now</c> (and
/// for values sprig cannot read as a time, which it replaces with <c>time.Now()</c>), Local = UTC.
/// </summary>
internal static class SprigDates
{
    private static readonly GoType T = GoTime.TimeType;

    public static void Register(FuncMap m)
    {
        Fn(m, "now", T, [], static (ctx, _) => Ok(GoTime.FromTimeProvider(ctx.Time)));
        Fn(m, "ago", S, [A], static (ctx, a) =>
        {
            var t = TimeOf(ctx, a[0], allowInt32: false);
            var since = GoTime.FromTimeProvider(ctx.Time).Sub(t);
            return Ok(GoString.FromUtf8(GoDuration.ToGoString(RoundToSecond(since))));
        });
        Fn(m, "date", S, [S, A], static (ctx, a) => Ok(DateInZone(ctx, Str(a, 0), a[1], "Local")));
        Fn(m, "dateInZone", S, [S, A, S], static (ctx, a) => Ok(DateInZone(ctx, Str(a, 0), a[1], Str(a, 2).ToUtf8String())));
        Fn(m, "date_in_zone", S, [S, A, S], static (ctx, a) => Ok(DateInZone(ctx, Str(a, 0), a[1], Str(a, 2).ToUtf8String())));
        Fn(m, "htmlDate", S, [A], static (ctx, a) => Ok(DateInZone(ctx, "2006-01-02", a[0], "Local")));
        Fn(m, "htmlDateInZone", S, [A, S], static (ctx, a) => Ok(DateInZone(ctx, "2006-01-02", a[0], Str(a, 1).ToUtf8String())));
        foreach (var name in new[] { "dateModify", "date_modify" })
        {
            Fn(m, name, T, [S, T], static (_, a) =>
            {
                var d = GoDuration.Parse(Str(a, 0).ToUtf8String(), out string? _);
                var t = (GoTime)a[1]!;
                return Ok(d is { } ns ? t.AddNanoseconds(ns) : t);
            });
        }

        foreach (var name in new[] { "mustDateModify", "must_date_modify" })
        {
            Fn(m, name, T, [S, T], static (_, a) =>
            {
                var d = GoDuration.Parse(Str(a, 0).ToUtf8String(), out var err);
                return d is { } ns ? Ok(((GoTime)a[1]!).AddNanoseconds(ns)) : GoResult.Fail(err!);
            }, returnsError: true);
        }

        Fn(m, "duration", S, [A], static (_, a) =>
        {
            long n = a[0] switch
            {
                GoString s => GoNumber.TryParseInt(s.ToUtf8String(), 10, out var v) ? v : 0,
                GoInt64 i => i.Value,
                _ => 0,
            };
            return Ok(GoString.FromUtf8(GoDuration.ToGoString(unchecked(n * 1_000_000_000))));
        });
        Fn(m, "durationRound", S, [A], static (ctx, a) =>
        {
            long d = a[0] switch
            {
                GoString s => GoDuration.Parse(s.ToUtf8String(), out string? _) ?? 0,
                GoInt64 i => i.Value,
                GoTime t => GoTime.FromTimeProvider(ctx.Time).Sub(t),
                _ => 0,
            };
            return Ok(GoString.FromUtf8(DurationRound(d)));
        });
        Fn(m, "toDate", T, [S, S], static (_, a) =>
            Ok(GoTimeFormat.Parse(Str(a, 0).ToUtf8String(), Str(a, 1).ToUtf8String(), GoZone.Local, out string? _) ?? GoTime.Zero));
        Fn(m, "mustToDate", T, [S, S], static (_, a) =>
        {
            var t = GoTimeFormat.Parse(Str(a, 0).ToUtf8String(), Str(a, 1).ToUtf8String(), GoZone.Local, out var err);
            return t is not null ? Ok(t) : GoResult.Fail(err!);
        }, returnsError: true);
        Fn(m, "unixEpoch", S, [T], static (_, a) => Ok(GoString.FromUtf8(((GoTime)a[0]!).UnixSeconds.ToString(CultureInfo.InvariantCulture))));
    }

    // sprig's type switch: time.Time, int64, int (and int32 for date) are read; anything else is now.
    private static GoTime TimeOf(FunctionContext ctx, object? v, bool allowInt32) => v switch
    {
        GoTime t => t,
        GoInt64 i => new GoTime(i.Value, 0, GoZone.Local),
        long i => new GoTime(i, 0, GoZone.Local),
        _ => GoTime.FromTimeProvider(ctx.Time),
    };

    private static GoString DateInZone(FunctionContext ctx, GoString layout, object? date, string zone)
    {
        var t = TimeOf(ctx, date, allowInt32: true);
        var loc = GoZone.Load(zone) ?? GoZone.Utc;
        return GoString.FromUtf8(GoTimeFormat.Format(t.In(loc), layout.ToUtf8String()));
    }

    // Go's Duration.Round(time.Second): halves away from zero.
    private static long RoundToSecond(long d)
    {
        const long M = 1_000_000_000;
        var r = d % M;
        if (d < 0)
        {
            r = -r;
            if (r + r < M)
            {
                return d + r;
            }

            var d1 = d - M + r;
            return d1 < d ? d1 : long.MinValue;
        }

        if (r + r < M)
        {
            return d - r;
        }

        var d2 = d + M - r;
        return d2 > d ? d2 : long.MaxValue;
    }

    private static string DurationRound(long d)
    {
        var u = d < 0 ? unchecked((ulong)(-d)) : (ulong)d;
        const ulong Second = 1_000_000_000UL;
        const ulong Minute = 60 * Second;
        const ulong Hour = 60 * Minute;
        const ulong Day = 24 * Hour;
        const ulong Month = 30 * Day;
        const ulong Year = 365 * Day;
        string F(ulong v, string unit) => v.ToString(CultureInfo.InvariantCulture) + unit;
        return u switch
        {
            > Year => F(u / Year, "y"),
            > Month => F(u / Month, "mo"),
            > Day => F(u / Day, "d"),
            > Hour => F(u / Hour, "h"),
            > Minute => F(u / Minute, "m"),
            > Second => F(u / Second, "s"),
            _ => "0s",
        };
    }
}
