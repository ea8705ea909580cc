namespace Kube.Runtime.Queue;

/// <summary>
/// Waits for the longest of several limiters (client-go's <c>MaxOfRateLimiter</c>), which is how
/// the default controller limiter combines per-item backoff with the overall bucket.
/// </summary>
public sealed class MaxOfRateLimiter<T> : IRateLimiter<T>
    where T : notnull
{
    private readonly IRateLimiter<T>[] _limiters;

    public MaxOfRateLimiter(params IRateLimiter<T>[] limiters)
    {
        ArgumentNullException.ThrowIfNull(limiters);
        if (limiters.Length == 0)
        {
            throw new ArgumentException("At least one rate limiter is required.", nameof(limiters));
        }

        _limiters = limiters;
    }

    public TimeSpan NextDelay(T item)
    {
        var longest = TimeSpan.Zero;
        foreach (var limiter in _limiters)
        {
            // Every limiter must see the call (the bucket takes its token, the backoff counts).
            var delay = limiter.NextDelay(item);
            if (delay > longest)
            {
                longest = delay;
            }
        }

        return longest;
    }

    public void Forget(T item)
    {
        foreach (var limiter in _limiters)
        {
            limiter.Forget(item);
        }
    }

    public int NumRequeues(T item) => _limiters.Max(l => l.NumRequeues(item));
}
