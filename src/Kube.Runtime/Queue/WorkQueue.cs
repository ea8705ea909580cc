namespace Kube.Runtime.Queue;

/// <summary>
/// A rate-limited, delaying work queue with client-go's guarantees (<c>util/workqueue</c>):
/// <list type="bullet">
/// <item>fair: items are handed out in the order they were added;</item>
/// <item>stingy: an item added several times before it is picked up is processed once (the dirty set);</item>
/// <item>an item is never handed to two workers at once: an item added while it is being processed
/// is parked and queued again by <see cref="Done"/> (the processing set);</item>
/// <item><see cref="AddAfter"/> keeps the earliest requested time when an item is already waiting.</item>
/// </list>
/// Every wait uses the injected <see cref="TimeProvider"/>.
/// </summary>
public sealed partial class WorkQueue<T> : IDisposable
    where T : notnull
{
    private readonly Lock _gate = new();
    private readonly Queue<T> _queue = new();
    private readonly HashSet<T> _dirty = [];
    private readonly Dictionary<T, long> _processing = [];
    private readonly Dictionary<T, long> _enqueuedAt = [];
    private readonly SemaphoreSlim _available = new(0);
    private readonly CancellationTokenSource _shutdown = new();
    private readonly TimeProvider _time;
    private readonly IRateLimiter<T> _limiter;
    private readonly IWorkQueueMetrics _metrics;
    private TaskCompletionSource? _drained;
    private bool _shuttingDown;

    public WorkQueue(IRateLimiter<T> rateLimiter, TimeProvider time)
        : this(rateLimiter, time, NoWorkQueueMetrics.Instance)
    {
    }

    internal WorkQueue(IRateLimiter<T> rateLimiter, TimeProvider time, IWorkQueueMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(rateLimiter);
        ArgumentNullException.ThrowIfNull(time);
        _limiter = rateLimiter;
        _time = time;
        _metrics = metrics;
        _timer = time.CreateTimer(_ => OnTimer(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Items waiting to be handed out (not counting delayed or in-flight ones).</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _queue.Count;
            }
        }
    }

    public bool IsShuttingDown
    {
        get
        {
            lock (_gate)
            {
                return _shuttingDown;
            }
        }
    }

    /// <summary>Queues the item unless it is already queued; ignored once shutdown began.</summary>
    public void Add(T item)
    {
        lock (_gate)
        {
            AddLocked(item);
        }
    }

    /// <summary>Adds the item after the rate limiter's delay and counts a retry.</summary>
    public void AddRateLimited(T item)
    {
        _metrics.Retried();
        AddAfter(item, _limiter.NextDelay(item));
    }

    /// <summary>Clears the item's backoff history (call after a success).</summary>
    public void Forget(T item) => _limiter.Forget(item);

    public int NumRequeues(T item) => _limiter.NumRequeues(item);

    /// <summary>
    /// Waits for the next item. Returns <c>ShuttingDown = true</c> once the queue is shut down and
    /// empty; items queued before shutdown are still handed out. Callers must call <see cref="Done"/>.
    /// </summary>
    public async Task<(T Item, bool ShuttingDown)> GetAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _shutdown.Token);
        while (true)
        {
            // One permit is released per item appended to _queue, so a permit means an item is there.
            if (!_available.Wait(0, CancellationToken.None))
            {
                if (IsShuttingDown)
                {
                    return (default!, true);
                }

                try
                {
                    await _available.WaitAsync(linked.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    continue;
                }
            }

            lock (_gate)
            {
                var item = _queue.Dequeue();
                _dirty.Remove(item);
                var now = _time.GetTimestamp();
                _processing[item] = now;
                if (_enqueuedAt.Remove(item, out var queuedAt))
                {
                    _metrics.QueueLatency(_time.GetElapsedTime(queuedAt, now));
                }

                _metrics.DepthChanged(_queue.Count);
                return (item, false);
            }
        }
    }

    /// <summary>Marks the item finished; if it was added meanwhile, it is queued again now.</summary>
    public void Done(T item)
    {
        lock (_gate)
        {
            if (_processing.Remove(item, out var started))
            {
                _metrics.WorkDuration(_time.GetElapsedTime(started));
            }

            if (_dirty.Contains(item))
            {
                Enqueue(item);
            }
            else if (_shuttingDown && _processing.Count == 0 && _queue.Count == 0)
            {
                _drained?.TrySetResult();
            }
        }
    }

    /// <summary>Stops accepting items and wakes every waiting <see cref="GetAsync"/>.</summary>
    public void ShutDown()
    {
        lock (_gate)
        {
            if (_shuttingDown)
            {
                return;
            }

            _shuttingDown = true;
            _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            _waiting.Clear();
            _waitingReadyAt.Clear();
        }

        _shutdown.Cancel();
    }

    /// <summary>
    /// Shuts down, then waits until every queued and in-flight item is done, or the token fires.
    /// </summary>
    public Task ShutDownWithDrainAsync(CancellationToken cancellationToken)
    {
        ShutDown();
        lock (_gate)
        {
            if (_processing.Count == 0 && _queue.Count == 0)
            {
                return Task.CompletedTask;
            }

            _drained ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _drained.Task.WaitAsync(cancellationToken);
        }
    }

    /// <summary>Sum and maximum of how long the in-flight items have been running.</summary>
    public (TimeSpan Unfinished, TimeSpan Longest) InFlight()
    {
        lock (_gate)
        {
            var now = _time.GetTimestamp();
            var total = TimeSpan.Zero;
            var longest = TimeSpan.Zero;
            foreach (var started in _processing.Values)
            {
                var d = _time.GetElapsedTime(started, now);
                total += d;
                if (d > longest)
                {
                    longest = d;
                }
            }

            return (total, longest);
        }
    }

    public void Dispose()
    {
        ShutDown();
        _timer.Dispose();
        _shutdown.Dispose();
        _available.Dispose();
    }

    private void AddLocked(T item)
    {
        if (_shuttingDown || !_dirty.Add(item))
        {
            return;
        }

        _metrics.Added();
        if (_processing.ContainsKey(item))
        {
            return;
        }

        Enqueue(item);
    }

    private void Enqueue(T item)
    {
        _queue.Enqueue(item);
        _enqueuedAt[item] = _time.GetTimestamp();
        _metrics.DepthChanged(_queue.Count);
        _available.Release();
    }
}
