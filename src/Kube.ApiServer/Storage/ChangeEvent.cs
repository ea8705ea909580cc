namespace Kube.ApiServer.Storage;

/// <summary>
/// One committed write, in revision order. <see cref="Previous"/> is the state before the write (used
/// to turn selector transitions into ADDED/DELETED for filtered watchers).
/// </summary>
internal sealed record ChangeEvent(long Rv, string StorageKey, WatchEventType Type, StoredObject Object, StoredObject? Previous);
