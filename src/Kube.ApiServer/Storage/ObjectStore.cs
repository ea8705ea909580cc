namespace Kube.ApiServer.Storage;

/// <summary>
/// The object store: all current objects in memory (sorted by namespace then name, like etcd key
/// order), write-through to an optional <see cref="SqliteJournal"/>, one global revision counter,
/// a ring of recent changes for watch resume, and in-process fan-out to watchers.
/// Writers take <see cref="AcquireWriteAsync"/> for their whole read-check-write, so revisions are
/// assigned in commit order without gaps; watchers are fed under the same lock, so no watcher can
/// see events out of order or miss one between its snapshot and its subscription.
/// </summary>
internal sealed class ObjectStore : IDisposable
{
    private readonly SemaphoreSlim _writeGate = new(1, 1);
    private readonly Lock _sync = new();
    private readonly Dictionary<string, SortedDictionary<string, SortedDictionary<string, StoredObject>>> _data = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Key, string Ns, string Name)> _byUid = new(StringComparer.Ordinal);
    private readonly ChangeEvent[] _ring;
    private readonly List<Subscription> _subscriptions = [];
    private readonly SqliteJournal? _journal;
    private int _ringStart;
    private int _ringCount;
    private long _writesSinceCompact;

    public ObjectStore(string? sqlitePath, int history)
    {
        _ring = new ChangeEvent[Math.Max(16, history)];
        if (sqlitePath is null)
        {
            return;
        }

        _journal = new SqliteJournal(sqlitePath);
        foreach (var (resource, ns, name, rv, json) in _journal.LoadObjects())
        {
            Index(resource, StoredObject.FromJson(ns, name, rv, json));
        }

        Revision = _journal.MaxRevision();
        CompactedRevision = Revision;
        foreach (var (rv, resource, ns, name, type, json) in _journal.LoadEvents(_ring.Length))
        {
            if (_ringCount == 0)
            {
                CompactedRevision = rv - 1;
            }

            AppendRing(new ChangeEvent(rv, resource, type, StoredObject.FromJson(ns, name, rv, json), null));
        }
    }

    /// <summary>The revision of the last committed write (the list resourceVersion).</summary>
    public long Revision { get; private set; }

    /// <summary>Watches may resume from any revision ≥ this; older ones get 410 Expired.</summary>
    public long CompactedRevision { get; private set; }

    public bool Durable => _journal is not null;

    public string? GetMeta(string key) => _journal?.GetMeta(key);

    public void SetMeta(string key, string value) => _journal?.SetMeta(key, value);

    public async Task<IDisposable> AcquireWriteAsync(CancellationToken ct)
    {
        await _writeGate.WaitAsync(ct);
        return new Releaser(_writeGate);
    }

    public StoredObject? Get(string storageKey, string ns, string name)
    {
        lock (_sync)
        {
            return _data.TryGetValue(storageKey, out var byNs) && byNs.TryGetValue(ns, out var byName) && byName.TryGetValue(name, out var o)
                ? o
                : null;
        }
    }

    public (string Key, string Ns, string Name)? FindByUid(string uid)
    {
        lock (_sync)
        {
            return _byUid.TryGetValue(uid, out var k) ? k : null;
        }
    }

    /// <summary>A consistent snapshot of one resource (optionally one namespace) and the revision it reflects.</summary>
    public List<StoredObject> List(string storageKey, string? ns, out long revision)
    {
        lock (_sync)
        {
            revision = Revision;
            var result = new List<StoredObject>();
            if (!_data.TryGetValue(storageKey, out var byNs))
            {
                return result;
            }

            if (ns is not null)
            {
                if (byNs.TryGetValue(ns, out var one))
                {
                    result.AddRange(one.Values);
                }

                return result;
            }

            foreach (var byName in byNs.Values)
            {
                result.AddRange(byName.Values);
            }

            return result;
        }
    }

    public IReadOnlyList<string> StorageKeys()
    {
        lock (_sync)
        {
            return [.. _data.Where(kv => kv.Value.Count > 0).Select(kv => kv.Key)];
        }
    }

    public bool AnyInNamespace(string ns)
    {
        lock (_sync)
        {
            return _data.Values.Any(byNs => byNs.TryGetValue(ns, out var m) && m.Count > 0);
        }
    }

    /// <summary>The revision the next write will get (callers stamp it into metadata.resourceVersion before <see cref="Put"/>).</summary>
    public long NextRevision => Revision + 1;

    /// <summary>Commits a create or update. Caller holds the write lock and has stamped <see cref="NextRevision"/>.</summary>
    public StoredObject Put(string storageKey, string ns, string name, byte[] json)
    {
        var rv = Revision + 1;
        var previous = Get(storageKey, ns, name);
        var type = previous is null ? WatchEventType.Added : WatchEventType.Modified;
        _journal?.Write(rv, storageKey, ns, name, type, json);
        var stored = StoredObject.FromJson(ns, name, rv, json);
        Commit(new ChangeEvent(rv, storageKey, type, stored, previous), previous);
        return stored;
    }

    /// <summary>Commits a removal; <paramref name="finalJson"/> is the last state stamped with the deletion revision.</summary>
    public StoredObject Delete(string storageKey, string ns, string name, byte[] finalJson)
    {
        var rv = Revision + 1;
        var previous = Get(storageKey, ns, name);
        _journal?.Write(rv, storageKey, ns, name, WatchEventType.Deleted, finalJson);
        var stored = StoredObject.FromJson(ns, name, rv, finalJson);
        Commit(new ChangeEvent(rv, storageKey, WatchEventType.Deleted, stored, previous), previous);
        return stored;
    }

    /// <summary>
    /// Registers a watcher. With <paramref name="fromRevision"/> null the current objects come back as
    /// the initial ADDED set; otherwise every retained change after that revision is replayed.
    /// Returns null when the revision is older than the retained history (the caller answers 410).
    /// </summary>
    public Subscription? Subscribe(string? storageKey, string? ns, long? fromRevision, out List<ChangeEvent> replay, out long startRevision)
    {
        lock (_sync)
        {
            replay = [];
            startRevision = Revision;
            if (fromRevision is { } from)
            {
                if (from < CompactedRevision)
                {
                    return null;
                }

                for (var i = 0; i < _ringCount; i++)
                {
                    var e = _ring[(_ringStart + i) % _ring.Length];
                    if (e.Rv > from && (storageKey is null || e.StorageKey == storageKey) && (ns is null || e.Object.Namespace == ns))
                    {
                        replay.Add(e);
                    }
                }
            }
            else if (storageKey is not null && _data.TryGetValue(storageKey, out var byNs))
            {
                foreach (var (n, byName) in byNs)
                {
                    if (ns is not null && n != ns)
                    {
                        continue;
                    }

                    foreach (var o in byName.Values)
                    {
                        replay.Add(new ChangeEvent(o.Rv, storageKey, WatchEventType.Added, o, null));
                    }
                }
            }

            var sub = new Subscription(this, storageKey, ns);
            _subscriptions.Add(sub);
            return sub;
        }
    }

    internal void Unsubscribe(Subscription s)
    {
        lock (_sync)
        {
            _subscriptions.Remove(s);
        }
    }

    public void Dispose()
    {
        lock (_sync)
        {
            foreach (var s in _subscriptions)
            {
                s.Complete();
            }

            _subscriptions.Clear();
        }

        _journal?.Dispose();
        _writeGate.Dispose();
    }

    private void Commit(ChangeEvent e, StoredObject? previous)
    {
        lock (_sync)
        {
            Revision = e.Rv;
            if (previous is not null && previous.Uid.Length > 0)
            {
                _byUid.Remove(previous.Uid);
            }

            if (e.Type == WatchEventType.Deleted)
            {
                if (_data.TryGetValue(e.StorageKey, out var byNs) && byNs.TryGetValue(e.Object.Namespace, out var byName))
                {
                    byName.Remove(e.Object.Name);
                    if (byName.Count == 0)
                    {
                        byNs.Remove(e.Object.Namespace);
                    }
                }
            }
            else
            {
                Index(e.StorageKey, e.Object);
            }

            AppendRing(e);
            foreach (var s in _subscriptions)
            {
                s.Offer(e);
            }
        }

        if (_journal is not null && ++_writesSinceCompact >= 1000)
        {
            _writesSinceCompact = 0;
            _journal.Compact(CompactedRevision);
            _journal.CheckpointInBackground();
        }
    }

    private void Index(string storageKey, StoredObject o)
    {
        if (!_data.TryGetValue(storageKey, out var byNs))
        {
            byNs = new SortedDictionary<string, SortedDictionary<string, StoredObject>>(StringComparer.Ordinal);
            _data[storageKey] = byNs;
        }

        if (!byNs.TryGetValue(o.Namespace, out var byName))
        {
            byName = new SortedDictionary<string, StoredObject>(StringComparer.Ordinal);
            byNs[o.Namespace] = byName;
        }

        byName[o.Name] = o;
        if (o.Uid.Length > 0)
        {
            _byUid[o.Uid] = (storageKey, o.Namespace, o.Name);
        }
    }

    private void AppendRing(ChangeEvent e)
    {
        if (_ringCount == _ring.Length)
        {
            CompactedRevision = _ring[_ringStart].Rv;
            _ring[_ringStart] = e;
            _ringStart = (_ringStart + 1) % _ring.Length;
        }
        else
        {
            _ring[(_ringStart + _ringCount) % _ring.Length] = e;
            _ringCount++;
        }
    }

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                gate.Release();
            }
        }
    }
}
