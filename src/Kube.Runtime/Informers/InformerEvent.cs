namespace Kube.Runtime.Informers;

/// <summary>
/// A change seen by an informer. Handlers should only map it to keys and enqueue them
/// (reconcilers are level-based, STYLE.md §1); <see cref="Old"/> is set for updates.
/// A periodic resync is delivered as an update whose old and new objects are the same.
/// </summary>
public sealed record InformerEvent<T>(InformerEventType Type, T Current, T? Old = null)
    where T : class;
