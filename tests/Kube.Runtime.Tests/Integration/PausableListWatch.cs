using System.Runtime.CompilerServices;
using Kube.Runtime.Informers;

namespace Kube.Runtime.Tests.Integration;

/// <summary>
/// Wraps the real HTTP list/watch so a test can drop the current watch and hold back the next
/// one — the way a network partition would — to make the informer resume from an old version.
/// </summary>
internal sealed class PausableListWatch<T>(IListWatchClient<T> inner) : IListWatchClient<T>
    where T : class
{
    private readonly Lock _gate = new();
    private CancellationTokenSource _current = new();
    private TaskCompletionSource _open = CompletedGate();

    public List<string> WatchedFrom { get; } = [];

    public Task<ListPage<T>> ListAsync(ListRequest request, CancellationToken cancellationToken) => inner.ListAsync(request, cancellationToken);

    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync(WatchRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        Task open;
        CancellationTokenSource current;
        lock (_gate)
        {
            open = _open.Task;
            current = _current;
        }

        await open.WaitAsync(cancellationToken);
        lock (_gate)
        {
            WatchedFrom.Add(request.ResourceVersion);
            current = _current;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, current.Token);
        var events = inner.WatchAsync(request, linked.Token).GetAsyncEnumerator(linked.Token);
        try
        {
            while (true)
            {
                bool more;
                try
                {
                    more = await events.MoveNextAsync();
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    yield break; // dropped by the test: the stream just ends, as when a connection closes
                }

                if (!more)
                {
                    yield break;
                }

                yield return events.Current;
            }
        }
        finally
        {
            await events.DisposeAsync();
        }
    }

    /// <summary>Ends the current watch and blocks new ones until <see cref="Resume"/>.</summary>
    public void Pause()
    {
        lock (_gate)
        {
            _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _current.Cancel();
            _current.Dispose();
            _current = new CancellationTokenSource();
        }
    }

    public void Resume()
    {
        lock (_gate)
        {
            _open.TrySetResult();
        }
    }

    private static TaskCompletionSource CompletedGate()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }
}
