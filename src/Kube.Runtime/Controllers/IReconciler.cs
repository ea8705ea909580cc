namespace Kube.Runtime.Controllers;

/// <summary>
/// The business logic of a controller for objects of type <typeparamref name="T"/>. It is
/// level-based: it reads the current state (usually from an informer's cache), converges the
/// world towards it, and must be idempotent. It never sees which event woke it. Deletion shows
/// up as the object missing from the cache (or a deletionTimestamp with a finalizer).
/// Throw to retry with per-key backoff; throw <see cref="TerminalReconcileException"/> to stop
/// retrying. The same key never runs on two workers at once.
/// </summary>
public interface IReconciler<T>
    where T : class
{
    Task<ReconcileResult> ReconcileAsync(ReconcileRequest request, CancellationToken cancellationToken);
}
