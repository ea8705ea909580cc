using Kube.Runtime.Informers;

namespace Kube.Runtime.Tests.Integration;

/// <summary>Counts the list pages an informer fetches through the real client.</summary>
internal sealed class RecordingListWatch<T>(IListWatchClient<T> inner) : IListWatchClient<T>
{
    private int _pages;

    public int Pages => Volatile.Read(ref _pages);

    public async Task<ListPage<T>> ListAsync(ListRequest request, CancellationToken cancellationToken)
    {
        var page = await inner.ListAsync(request, cancellationToken).ConfigureAwait(false);
        Interlocked.Increment(ref _pages);
        return page;
    }

    public IAsyncEnumerable<WatchEvent<T>> WatchAsync(WatchRequest request, CancellationToken cancellationToken) => inner.WatchAsync(request, cancellationToken);
}
