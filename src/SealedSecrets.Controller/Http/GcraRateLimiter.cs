using System.Collections.Concurrent;

namespace SealedSecrets.Controller.Http;

/// <summary>
/// A generic cell rate algorithm limiter per client key (upstream uses throttled's GCRA keyed on path
/// and <c>X-Forwarded-For</c>, <c>--rate-limit</c> 2/s, <c>--rate-limit-burst</c> 2). Time comes
/// from the injected clock.
/// </summary>
internal sealed class GcraRateLimiter(double perSecond, int burst, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, long> _theoreticalArrival = new(StringComparer.Ordinal);
    private readonly long _interval = (long)(TimeSpan.TicksPerSecond / perSecond);
    private readonly long _tolerance = (long)(TimeSpan.TicksPerSecond / perSecond) * Math.Max(0, burst - 1);

    /// <summary>True if a request from <paramref name="key"/> may proceed now.</summary>
    public bool TryAcquire(string key)
    {
        var now = time.GetUtcNow().UtcTicks;
        while (true)
        {
            var known = _theoreticalArrival.TryGetValue(key, out var tat);
            var start = known ? Math.Max(tat, now) : now;
            if (start - now > _tolerance)
            {
                return false;
            }
            var next = start + _interval;
            if (known ? _theoreticalArrival.TryUpdate(key, next, tat) : _theoreticalArrival.TryAdd(key, next))
            {
                return true;
            }
        }
    }
}
