namespace Kube.Runtime.Informers;

// The cache: objects by key, secondary indexes, and ordered delivery to subscribers. One lock
// guards all of it so a reader never sees an index that disagrees with the objects.
public sealed partial class Informer<T>
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, T> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Index> _indexes = new(StringComparer.Ordinal);
    private readonly List<Action<InformerEvent<T>>> _handlers = [];

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _items.Count;
            }
        }
    }

    public T? Find(string? objectNamespace, string name)
    {
        lock (_gate)
        {
            return _items.GetValueOrDefault(ObjectKey.Of(objectNamespace, name));
        }
    }

    public IReadOnlyList<T> List(string? objectNamespace = null)
    {
        lock (_gate)
        {
            return string.IsNullOrEmpty(objectNamespace)
                ? [.. _items.Values]
                : [.. _items.Values.Where(o => o.Metadata.NamespaceProperty == objectNamespace)];
        }
    }

    public IReadOnlyList<T> ByIndex(string indexName, string value)
    {
        lock (_gate)
        {
            if (!_indexes.TryGetValue(indexName, out var index))
            {
                throw new ArgumentException($"Informer for {Resource.Kind} has no index named '{indexName}'.", nameof(indexName));
            }

            return index.Keys(value).Select(k => _items[k]).ToList();
        }
    }

    public IDisposable Subscribe(Action<InformerEvent<T>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        lock (_gate)
        {
            foreach (var item in _items.Values)
            {
                handler(new InformerEvent<T>(InformerEventType.Added, item));
            }

            _handlers.Add(handler);
        }

        return new Subscription(this, handler);
    }

    /// <summary>Stores (or, when the transform drops it, removes) one object from a watch event.</summary>
    private void Upsert(T incoming)
    {
        var key = ObjectKey.Of(incoming);
        var transformed = Transform(incoming);
        lock (_gate)
        {
            var had = _items.TryGetValue(key, out var old);
            if (transformed is null)
            {
                if (had)
                {
                    RemoveLocked(key, old!);
                    Dispatch(new InformerEvent<T>(InformerEventType.Deleted, old!));
                }

                return;
            }

            SetLocked(key, transformed, old);
            Dispatch(had ? new InformerEvent<T>(InformerEventType.Updated, transformed, old) : new InformerEvent<T>(InformerEventType.Added, transformed));
        }
    }

    private void Delete(T incoming)
    {
        var key = ObjectKey.Of(incoming);
        lock (_gate)
        {
            if (_items.TryGetValue(key, out var old))
            {
                RemoveLocked(key, old);
                Dispatch(new InformerEvent<T>(InformerEventType.Deleted, old));
            }
        }
    }

    /// <summary>
    /// Makes the cache equal to a fresh list: objects gone from the list are deleted, changed
    /// ones updated, unchanged ones (same resourceVersion) left alone so a relist after 410 does
    /// not wake every reconciler. The items are already transformed. Only objects in
    /// <paramref name="scope"/> (a namespace; null = all) are candidates for deletion.
    /// </summary>
    private void Replace(List<T> listed, string? scope)
    {
        var fresh = new Dictionary<string, T>(listed.Count, StringComparer.Ordinal);
        foreach (var item in listed)
        {
            fresh[ObjectKey.Of(item)] = item;
        }

        lock (_gate)
        {
            foreach (var (key, old) in _items.Where(p => !fresh.ContainsKey(p.Key) && (scope is null || p.Value.Metadata.NamespaceProperty == scope)).ToList())
            {
                RemoveLocked(key, old);
                Dispatch(new InformerEvent<T>(InformerEventType.Deleted, old));
            }

            foreach (var (key, item) in fresh)
            {
                if (!_items.TryGetValue(key, out var old))
                {
                    SetLocked(key, item, null);
                    Dispatch(new InformerEvent<T>(InformerEventType.Added, item));
                }
                else if (old.Metadata.ResourceVersion != item.Metadata.ResourceVersion)
                {
                    SetLocked(key, item, old);
                    Dispatch(new InformerEvent<T>(InformerEventType.Updated, item, old));
                }
            }
        }
    }

    private void Resync()
    {
        lock (_gate)
        {
            foreach (var item in _items.Values)
            {
                Dispatch(new InformerEvent<T>(InformerEventType.Updated, item, item));
            }
        }
    }

    private T? Transform(T item) => _options.Transform is { } transform ? transform(item) : item;

    private void SetLocked(string key, T item, T? old)
    {
        if (old is not null)
        {
            foreach (var index in _indexes.Values)
            {
                index.Remove(key, old);
            }
        }

        _items[key] = item;
        foreach (var index in _indexes.Values)
        {
            index.Add(key, item);
        }
    }

    private void RemoveLocked(string key, T old)
    {
        _items.Remove(key);
        foreach (var index in _indexes.Values)
        {
            index.Remove(key, old);
        }
    }

    private void Dispatch(InformerEvent<T> change)
    {
        foreach (var handler in _handlers)
        {
            try
            {
                handler(change);
            }
#pragma warning disable CA1031 // A faulty handler must not stop the informer or starve the other handlers.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.HandlerFailed(_logger, Resource.Kind, ex);
            }
        }
    }

    private sealed class Index(Func<T, IEnumerable<string>> indexer)
    {
        private readonly Dictionary<string, HashSet<string>> _byValue = new(StringComparer.Ordinal);

        private static readonly HashSet<string> None = [];

        public HashSet<string> Keys(string value)
            => _byValue.TryGetValue(value, out var keys) ? keys : None;

        public void Add(string key, T item)
        {
            foreach (var value in indexer(item))
            {
                if (!_byValue.TryGetValue(value, out var keys))
                {
                    _byValue[value] = keys = new HashSet<string>(StringComparer.Ordinal);
                }

                keys.Add(key);
            }
        }

        public void Remove(string key, T item)
        {
            foreach (var value in indexer(item))
            {
                if (_byValue.TryGetValue(value, out var keys) && keys.Remove(key) && keys.Count == 0)
                {
                    _byValue.Remove(value);
                }
            }
        }
    }

    private sealed class Subscription(Informer<T> owner, Action<InformerEvent<T>> handler) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._gate)
            {
                owner._handlers.Remove(handler);
            }
        }
    }
}
