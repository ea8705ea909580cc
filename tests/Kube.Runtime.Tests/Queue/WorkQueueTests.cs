using Kube.Runtime.Queue;
using Microsoft.Extensions.Time.Testing;

namespace Kube.Runtime.Tests.Queue;

public sealed class WorkQueueTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new();

    private WorkQueue<string> NewQueue() => new(RateLimiters.Default<string>(_time), _time);

    [Fact]
    public async Task A_key_added_twice_while_waiting_is_handed_out_once()
    {
        using var queue = NewQueue();
        queue.Add("a");
        queue.Add("b");
        queue.Add("a");

        Assert.Equal(2, queue.Count);
        Assert.Equal("a", (await queue.GetAsync(CancellationToken.None)).Item);
        Assert.Equal("b", (await queue.GetAsync(CancellationToken.None)).Item);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task A_key_added_while_processing_waits_for_Done_and_then_runs_once_more()
    {
        using var queue = NewQueue();
        queue.Add("a");
        var (item, _) = await queue.GetAsync(CancellationToken.None);

        queue.Add("a");
        queue.Add("a");
        Assert.Equal(0, queue.Count);
        var second = queue.GetAsync(CancellationToken.None);
        Assert.False(second.IsCompleted);

        queue.Done(item);
        Assert.Equal("a", (await second.WaitAsync(Bound)).Item);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task Many_workers_never_process_the_same_key_at_the_same_time()
    {
        using var queue = NewQueue();
        var active = new Dictionary<string, int>();
        var overlap = 0;
        var processed = 0;
        var gate = new object();

        async Task Worker()
        {
            while (true)
            {
                var (key, shutdown) = await queue.GetAsync(CancellationToken.None);
                if (shutdown)
                {
                    return;
                }

                lock (gate)
                {
                    active[key] = active.GetValueOrDefault(key) + 1;
                    if (active[key] > 1)
                    {
                        overlap++;
                    }
                }

                await Task.Yield();
                queue.Add(key); // re-added while processing: must not start on another worker
                lock (gate)
                {
                    active[key]--;
                    processed++;
                }

                queue.Done(key);
            }
        }

        for (var i = 0; i < 5; i++)
        {
            queue.Add("k" + i);
        }

        var workers = Enumerable.Range(0, 8).Select(_ => Task.Run(Worker)).ToArray();
        var deadline = DateTime.UtcNow + Bound;
        while (Volatile.Read(ref processed) < 2000 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
        }

        queue.ShutDown();
        await Task.WhenAll(workers).WaitAsync(Bound);
        Assert.True(processed >= 2000, $"only {processed} items processed");
        Assert.Equal(0, overlap);
    }

    [Fact]
    public async Task AddAfter_hands_the_key_out_only_once_the_fake_clock_passes_the_delay()
    {
        using var queue = NewQueue();
        queue.AddAfter("a", TimeSpan.FromSeconds(30));
        var get = queue.GetAsync(CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(get.IsCompleted);
        Assert.Equal(1, queue.DelayedCount);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("a", (await get.WaitAsync(Bound)).Item);
        Assert.Equal(0, queue.DelayedCount);
    }

    [Fact]
    public async Task AddAfter_keeps_the_earliest_time_when_a_key_is_already_waiting()
    {
        using var queue = NewQueue();
        queue.AddAfter("a", TimeSpan.FromSeconds(60));
        queue.AddAfter("a", TimeSpan.FromSeconds(10));
        queue.AddAfter("a", TimeSpan.FromSeconds(40));

        _time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal("a", (await queue.GetAsync(CancellationToken.None).WaitAsync(Bound)).Item);
        queue.Done("a");

        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task AddRateLimited_backs_off_exponentially_per_key_and_Forget_resets_it()
    {
        var limiter = new ExponentialBackoffRateLimiter<string>(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(4));
        using var queue = new WorkQueue<string>(limiter, _time);

        async Task AssertReadyAfter(TimeSpan delay)
        {
            queue.AddRateLimited("a");
            var get = queue.GetAsync(CancellationToken.None);
            _time.Advance(delay - TimeSpan.FromMilliseconds(1));
            Assert.False(get.IsCompleted, $"ready before {delay}");
            _time.Advance(TimeSpan.FromMilliseconds(1));
            Assert.Equal("a", (await get.WaitAsync(Bound)).Item);
            queue.Done("a");
        }

        await AssertReadyAfter(TimeSpan.FromSeconds(1));
        await AssertReadyAfter(TimeSpan.FromSeconds(2));
        await AssertReadyAfter(TimeSpan.FromSeconds(4));
        await AssertReadyAfter(TimeSpan.FromSeconds(4));
        Assert.Equal(4, queue.NumRequeues("a"));

        queue.Forget("a");
        Assert.Equal(0, queue.NumRequeues("a"));
        await AssertReadyAfter(TimeSpan.FromSeconds(1));
    }

    [Fact]
    public async Task A_waiting_GetAsync_returns_shutting_down_and_queued_keys_still_drain()
    {
        using var queue = NewQueue();
        var waiting = queue.GetAsync(CancellationToken.None);
        queue.ShutDown();
        Assert.True((await waiting.WaitAsync(Bound)).ShuttingDown);

        using var queue2 = NewQueue();
        queue2.Add("a");
        queue2.ShutDown();
        queue2.Add("b");
        var first = await queue2.GetAsync(CancellationToken.None);
        Assert.Equal(("a", false), first);
        Assert.True((await queue2.GetAsync(CancellationToken.None)).ShuttingDown);
    }

    [Fact]
    public async Task ShutDownWithDrain_waits_for_in_flight_keys_to_be_done()
    {
        using var queue = NewQueue();
        queue.Add("a");
        var (item, _) = await queue.GetAsync(CancellationToken.None);

        var drain = queue.ShutDownWithDrainAsync(CancellationToken.None);
        Assert.False(drain.IsCompleted);
        queue.Done(item);
        await drain.WaitAsync(Bound);
    }

    [Fact]
    public async Task GetAsync_honours_its_cancellation_token()
    {
        using var queue = NewQueue();
        using var cts = new CancellationTokenSource();
        var get = queue.GetAsync(cts.Token);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => get.WaitAsync(Bound));
    }

    [Fact]
    public async Task InFlight_reports_the_total_and_longest_running_time_on_the_fake_clock()
    {
        using var queue = NewQueue();
        queue.Add("a");
        queue.Add("b");
        await queue.GetAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(3));
        await queue.GetAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(1));

        var (unfinished, longest) = queue.InFlight();
        Assert.Equal(TimeSpan.FromSeconds(5), unfinished);
        Assert.Equal(TimeSpan.FromSeconds(4), longest);
    }
}
