namespace Kube.Runtime.Informers;

/// <summary>The two API calls an informer makes; faked in tests, HTTP in production.</summary>
internal interface IListWatchClient<T>
{
    Task<ListPage<T>> ListAsync(ListRequest request, CancellationToken cancellationToken);

    IAsyncEnumerable<WatchEvent<T>> WatchAsync(WatchRequest request, CancellationToken cancellationToken);
}
