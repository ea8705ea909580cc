using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging;

namespace Kube.Runtime.Informers;

/// <summary>
/// A list-then-watch informer (client-go's Reflector + Indexer, without the DeltaFIFO: events are
/// applied to the cache and handed to subscribers in order on the one loop). It lists in pages,
/// watches from the list's resourceVersion with bookmarks, resumes from the last resourceVersion
/// when a watch ends, relists on 410 Gone, and restarts a watch that stays silent past the
/// watchdog bound. Run it with <see cref="RunAsync"/>; hosts do that in a hosted service.
/// </summary>
public sealed partial class Informer<T> : IInformer<T>, IRunnableInformer
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly IListWatchClient<T> _client;
    private readonly InformerOptions<T> _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Informer(IKubernetes client, InformerOptions<T> options, TimeProvider time, ILogger<Informer<T>> logger)
        : this(new KubernetesListWatchClient<T>(client, ResolveResource(options), options.MetadataOnly), options, time, logger)
    {
    }

    internal Informer(IListWatchClient<T> client, InformerOptions<T> options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        Resource = ResolveResource(options);
        options.Validate($"informer for {Resource.Kind}");
        _client = client;
        _options = options;
        _time = time;
        _logger = logger;
        foreach (var (name, indexer) in options.Indexers)
        {
            _indexes[name] = new Index(indexer);
        }
    }

    public ResourceType Resource { get; }

    public bool HasSynced => _synced.Task.IsCompleted;

    public string? LastResourceVersion => Volatile.Read(ref _lastResourceVersion);

    /// <summary>Number of list calls made so far (the first list plus every relist).</summary>
    public int ListCount => Volatile.Read(ref _listCount);

    /// <summary>Number of watch requests started so far.</summary>
    public int WatchCount => Volatile.Read(ref _watchCount);

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => _synced.Task.WaitAsync(cancellationToken);

    private static ResourceType ResolveResource(InformerOptions<T> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Resource ?? ResourceType.For<T>();
    }
}
