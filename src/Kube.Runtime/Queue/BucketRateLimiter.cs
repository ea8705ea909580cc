namespace Kube.Runtime.Queue;

/// <summary>
/// An overall token bucket shared by all items (client-go's <c>BucketRateLimiter</c>, which
/// wraps <c>rate.Limiter.Reserve().Delay()</c>): every call takes one token, and when the bucket
/// is empty the caller is told how long until its token will exist. Tokens may go negative,
/// so a burst of retries is spread out at <c>qps</c> instead of all waiting for the same instant.
/// </summary>
public sealed class BucketRateLimiter<T> : IRateLimiter<T>
    where T : notnull
{
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly double _qps;
    private readonly int _burst;
    private double _tokens;
    private long _last;

    public BucketRateLimiter(double qps, int burst, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(qps, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        ArgumentNullException.ThrowIfNull(time);
        _qps = qps;
        _burst = burst;
        _time = time;
        _tokens = burst;
        _last = time.GetTimestamp();
    }

    public TimeSpan NextDelay(T item)
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            var elapsed = _time.GetElapsedTime(_last, now).TotalSeconds;
            _last = now;
            _tokens = Math.Min(_burst, _tokens + (elapsed * _qps));
            _tokens -= 1;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _qps);
        }
    }

    public void Forget(T item)
    {
        // The bucket is shared; there is no per-item state to clear.
    }

    public int NumRequeues(T item) => 0;
}
