namespace Kube.Runtime.Queue;

/// <summary>
/// Decides how long an item waits before it is retried, as client-go's
/// <c>workqueue.TypedRateLimiter</c>: <see cref="NextDelay"/> records one more failure,
/// <see cref="Forget"/> clears the item's history once it succeeded.
/// </summary>
public interface IRateLimiter<in T>
    where T : notnull
{
    TimeSpan NextDelay(T item);

    void Forget(T item);

    int NumRequeues(T item);
}
