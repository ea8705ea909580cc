namespace Kube.Runtime.Queue;

// The delaying half (client-go's delaying_queue): items wait in a heap ordered by ready time,
// and one TimeProvider timer is armed for the earliest of them.
public sealed partial class WorkQueue<T>
{
    private readonly PriorityQueue<T, DateTimeOffset> _waiting = new();
    private readonly Dictionary<T, DateTimeOffset> _waitingReadyAt = [];
    private readonly ITimer _timer;

    /// <summary>Adds the item once <paramref name="delay"/> has passed (immediately if not positive).</summary>
    public void AddAfter(T item, TimeSpan delay)
    {
        lock (_gate)
        {
            if (_shuttingDown)
            {
                return;
            }

            if (delay <= TimeSpan.Zero)
            {
                AddLocked(item);
                return;
            }

            var readyAt = _time.GetUtcNow() + delay;
            if (_waitingReadyAt.TryGetValue(item, out var existing) && existing <= readyAt)
            {
                return;
            }

            // A superseded heap entry stays behind and is skipped when popped (its time no longer matches).
            _waitingReadyAt[item] = readyAt;
            _waiting.Enqueue(item, readyAt);
            ArmTimerLocked();
        }
    }

    /// <summary>Items waiting for their delay to pass.</summary>
    public int DelayedCount
    {
        get
        {
            lock (_gate)
            {
                return _waitingReadyAt.Count;
            }
        }
    }

    private void OnTimer()
    {
        lock (_gate)
        {
            if (_shuttingDown)
            {
                return;
            }

            var now = _time.GetUtcNow();
            while (_waiting.TryPeek(out var item, out var readyAt) && readyAt <= now)
            {
                _waiting.Dequeue();
                if (_waitingReadyAt.TryGetValue(item, out var current) && current == readyAt)
                {
                    _waitingReadyAt.Remove(item);
                    AddLocked(item);
                }
            }

            ArmTimerLocked();
        }
    }

    private void ArmTimerLocked()
    {
        while (_waiting.TryPeek(out var item, out var readyAt))
        {
            if (_waitingReadyAt.TryGetValue(item, out var current) && current == readyAt)
            {
                var due = readyAt - _time.GetUtcNow();
                _timer.Change(due > TimeSpan.Zero ? due : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
                return;
            }

            _waiting.Dequeue();
        }

        _timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }
}
