using System.Threading.Channels;

namespace Kube.ApiServer.Storage;

/// <summary>
/// A watcher's queue of committed changes. Writers never wait on it: when a watcher falls
/// <see cref="Capacity"/> events behind, the queue is closed and the client must re-watch
/// (as a real apiserver drops a watcher whose buffer is full).
/// </summary>
internal sealed class Subscription : IDisposable
{
    public const int Capacity = 10_000;

    private readonly Channel<ChangeEvent> _channel = Channel.CreateBounded<ChangeEvent>(
        new BoundedChannelOptions(Capacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly ObjectStore _store;

    public Subscription(ObjectStore store, string? storageKey, string? ns)
    {
        _store = store;
        StorageKey = storageKey;
        Namespace = ns;
    }

    /// <summary>Null means every resource (the garbage collector listens to all).</summary>
    public string? StorageKey { get; }

    public string? Namespace { get; }

    public bool Overflowed { get; private set; }

    public ChannelReader<ChangeEvent> Reader => _channel.Reader;

    /// <summary>Called by the store under its lock, in revision order.</summary>
    internal void Offer(ChangeEvent e)
    {
        if (StorageKey is not null && e.StorageKey != StorageKey)
        {
            return;
        }

        if (Namespace is not null && e.Object.Namespace != Namespace)
        {
            return;
        }

        if (!_channel.Writer.TryWrite(e))
        {
            Overflowed = true;
            _channel.Writer.TryComplete();
        }
    }

    internal void Complete() => _channel.Writer.TryComplete();

    public void Dispose()
    {
        _store.Unsubscribe(this);
        _channel.Writer.TryComplete();
    }
}
