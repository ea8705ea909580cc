using Kube.Runtime.Queue;
using Microsoft.Extensions.Time.Testing;

namespace Kube.Runtime.Tests.Queue;

public sealed class RateLimiterTests
{
    [Fact]
    public void Exponential_backoff_doubles_from_the_base_and_stops_at_the_cap()
    {
        var limiter = new ExponentialBackoffRateLimiter<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000));
        var delays = Enumerable.Range(0, 4).Select(_ => limiter.NextDelay("a").TotalMilliseconds).ToArray();
        Assert.Equal([5, 10, 20, 40], delays);

        for (var i = 0; i < 200; i++)
        {
            limiter.NextDelay("a");
        }

        Assert.Equal(TimeSpan.FromSeconds(1000), limiter.NextDelay("a"));
        Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.NextDelay("other"));
    }

    [Fact]
    public void The_bucket_allows_a_burst_then_spaces_calls_at_the_rate()
    {
        var time = new FakeTimeProvider();
        var bucket = new BucketRateLimiter<string>(qps: 2, burst: 3, time);

        Assert.Equal(TimeSpan.Zero, bucket.NextDelay("a"));
        Assert.Equal(TimeSpan.Zero, bucket.NextDelay("b"));
        Assert.Equal(TimeSpan.Zero, bucket.NextDelay("c"));
        Assert.Equal(TimeSpan.FromMilliseconds(500), bucket.NextDelay("d"));
        Assert.Equal(TimeSpan.FromSeconds(1), bucket.NextDelay("e"));

        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(TimeSpan.Zero, bucket.NextDelay("f"));
    }

    [Fact]
    public void The_default_limiter_takes_the_longer_of_backoff_and_bucket()
    {
        var time = new FakeTimeProvider();
        var limiter = RateLimiters.Create<string>(TimeSpan.FromMilliseconds(5), TimeSpan.FromSeconds(1000), qps: 1, burst: 1, time);

        Assert.Equal(TimeSpan.FromMilliseconds(5), limiter.NextDelay("a"));
        Assert.Equal(TimeSpan.FromSeconds(1), limiter.NextDelay("b"));
        Assert.Equal(1, limiter.NumRequeues("a"));
        limiter.Forget("a");
        Assert.Equal(0, limiter.NumRequeues("a"));
    }
}
