namespace Kube.Runtime.Informers;

/// <summary>How one informer lists and watches its kind. Validated when the informer starts.</summary>
public sealed class InformerOptions<T>
    where T : class
{
    private readonly Dictionary<string, Func<T, IEnumerable<string>>> _indexers = new(StringComparer.Ordinal);

    /// <summary>The resource to watch; read from the model's [KubernetesEntity] when null.</summary>
    public ResourceType? Resource { get; set; }

    /// <summary>Watch one namespace; null watches all namespaces (or a cluster-scoped kind).</summary>
    public string? Namespace { get; set; }

    /// <summary>
    /// Watch several namespaces (one stream each, one cache), e.g. the controller namespace plus
    /// Sealed Secrets' <c>--additional-namespaces</c>. Exclusive with <see cref="Namespace"/>.
    /// </summary>
    public IList<string> Namespaces { get; } = [];

    /// <summary>Server-side label selector, e.g. to cache only the Secrets a controller owns.</summary>
    public string? LabelSelector { get; set; }

    public string? FieldSelector { get; set; }

    /// <summary>
    /// Applied to every object before it is cached and handed to handlers: strip what the
    /// controller never reads (Secret data, managedFields) or return null to not cache the
    /// object at all. Keeps memory flat when the cluster holds many unrelated objects.
    /// </summary>
    public Func<T, T?>? Transform { get; set; }

    /// <summary>
    /// List and watch metadata only (controller-runtime's metadata informer): requests carry
    /// <c>Accept: application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1</c> (watch:
    /// <c>as=PartialObjectMetadata</c>) with plain JSON as fallback, so the server sends each
    /// object's metadata and nothing else (kube-apiserver's <c>asPartialObjectMetadata</c>). Cached
    /// objects then hold metadata only (kind <c>PartialObjectMetadata</c>, no data/spec/status);
    /// read a full object with a GET when it is needed. A server that ignores the media type
    /// sends full objects, which <see cref="Transform"/> still reduces.
    /// </summary>
    public bool MetadataOnly { get; set; }

    /// <summary>Re-deliver every cached object as an update this often; zero disables it.</summary>
    public TimeSpan ResyncPeriod { get; set; } = TimeSpan.Zero;

    /// <summary>Each watch asks the server to end it after a random time in [min, max] (client-go: 5–10 min).</summary>
    public TimeSpan MinWatchTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan MaxWatchTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A watch that delivers nothing (not even a bookmark) for this long is presumed dead and
    /// restarted from the last resourceVersion. Null means the watch timeout plus 30 s.
    /// </summary>
    public TimeSpan? WatchdogTimeout { get; set; }

    /// <summary>List page size (limit/continue); bounds the memory one list response takes.</summary>
    public int PageSize { get; set; } = 500;

    /// <summary>Bound for one list request.</summary>
    public TimeSpan ListTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Retry backoff after a failed list or watch (client-go: 800 ms up to 30 s).</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(800);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    public IReadOnlyDictionary<string, Func<T, IEnumerable<string>>> Indexers => _indexers;

    /// <summary>Adds a secondary index; look objects up with <see cref="IInformer{T}.ByIndex"/>.</summary>
    public InformerOptions<T> AddIndex(string name, Func<T, IEnumerable<string>> indexer)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(indexer);
        _indexers[name] = indexer;
        return this;
    }

    internal void Validate(string owner)
    {
        Fail(PageSize < 1, $"{owner}: PageSize must be at least 1.");
        Fail(Namespace is not null && Namespaces.Count > 0, $"{owner}: set Namespace or Namespaces, not both.");
        Fail(Namespaces.Any(string.IsNullOrWhiteSpace), $"{owner}: Namespaces must not contain empty names.");
        Fail(MinWatchTimeout < TimeSpan.FromSeconds(1), $"{owner}: MinWatchTimeout must be at least 1 s.");
        Fail(MaxWatchTimeout < MinWatchTimeout, $"{owner}: MaxWatchTimeout must not be less than MinWatchTimeout.");
        Fail(WatchdogTimeout is { } w && w <= TimeSpan.Zero, $"{owner}: WatchdogTimeout must be positive.");
        Fail(ResyncPeriod < TimeSpan.Zero, $"{owner}: ResyncPeriod must not be negative.");
        Fail(InitialBackoff <= TimeSpan.Zero || MaxBackoff < InitialBackoff, $"{owner}: backoff must be positive and MaxBackoff >= InitialBackoff.");
        Fail(ListTimeout <= TimeSpan.Zero, $"{owner}: ListTimeout must be positive.");
    }

    private static void Fail(bool condition, string message)
    {
        if (condition)
        {
            throw new InvalidOperationException(message);
        }
    }
}
