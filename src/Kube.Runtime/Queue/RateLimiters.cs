namespace Kube.Runtime.Queue;

/// <summary>Factory for the limiter controllers use unless told otherwise.</summary>
public static class RateLimiters
{
    /// <summary>
    /// controller-runtime's default: max(per-item 5 ms doubling to 1000 s, 10 qps with burst 100).
    /// </summary>
    public static IRateLimiter<T> Default<T>(TimeProvider time)
        where T : notnull
        => Create<T>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000), 10, 100, time);

    public static IRateLimiter<T> Create<T>(TimeSpan baseDelay, TimeSpan maxDelay, double qps, int burst, TimeProvider time)
        where T : notnull
        => new MaxOfRateLimiter<T>(
            new ExponentialBackoffRateLimiter<T>(baseDelay, maxDelay),
            new BucketRateLimiter<T>(qps, burst, time));
}
