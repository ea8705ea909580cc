namespace Kube.Runtime.Informers;

/// <summary>
/// Read side of an informer: a cache kept current by list-then-watch. Objects returned are the
/// cached instances and are shared: never mutate them, copy first.
/// </summary>
public interface IInformer<T>
    where T : class
{
    ResourceType Resource { get; }

    /// <summary>True once the first list has been stored.</summary>
    bool HasSynced { get; }

    /// <summary>The resourceVersion the cache reflects (from the last list, event or bookmark).</summary>
    string? LastResourceVersion { get; }

    Task WaitForSyncAsync(CancellationToken cancellationToken);

    T? Find(string? objectNamespace, string name);

    IReadOnlyList<T> List(string? objectNamespace = null);

    IReadOnlyList<T> ByIndex(string indexName, string value);

    int Count { get; }

    /// <summary>
    /// Calls <paramref name="handler"/> for every change, starting with an Added event for each
    /// object already cached. Calls are serialised on the informer's loop; keep them short.
    /// </summary>
    IDisposable Subscribe(Action<InformerEvent<T>> handler);
}
