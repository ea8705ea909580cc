namespace Kube.Runtime.Controllers;

/// <summary>
/// How a reconciliation ended when it did not throw: <see cref="Done"/>, or come back after a
/// delay (<see cref="RequeueAfter"/>, e.g. for a periodic refresh). Failures are thrown instead
/// so the runtime retries them with per-key backoff (STYLE.md §2).
/// </summary>
public readonly record struct ReconcileResult
{
    private ReconcileResult(TimeSpan? requeueAfter) => Delay = requeueAfter;

    public static ReconcileResult Done { get; } = new(null);

    /// <summary>The delay before the key is reconciled again; null when done.</summary>
    public TimeSpan? Delay { get; }

    public static ReconcileResult RequeueAfter(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(delay, TimeSpan.Zero);
        return new ReconcileResult(delay);
    }

    public override string ToString() => Delay is { } d ? $"RequeueAfter({d})" : "Done";
}
