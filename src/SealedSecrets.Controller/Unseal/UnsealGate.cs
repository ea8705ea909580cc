namespace SealedSecrets.Controller.Unseal;

/// <summary>
/// Bounds the RSA private-key work to <c>--workers</c> threads at once while more reconciles are in
/// flight (<see cref="InFlightPerWorker"/> per worker). A reconcile is one CPU-bound unseal between
/// several API round trips; with only <c>--workers</c> reconciles in flight, a worker's core idles
/// while its requests travel, so the cores were never all on RSA (perf-security.md §1.3 S1: about
/// 15k RSA-4096 operations have to run at the physical rate of every core). With more in flight,
/// one reconcile's requests overlap another's unseal, and the gate keeps the RSA work itself from
/// taking more threads than there are workers (the thread pool also runs the HTTP continuations).
/// </summary>
internal sealed class UnsealGate : IDisposable
{
    /// <summary>Reconciles in flight per worker: enough to cover a reconcile's API round trips.</summary>
    public const int InFlightPerWorker = 4;

    private readonly SemaphoreSlim _slots;
    private long _busyTicks;

    public UnsealGate(int workers)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(workers, 1);
        _slots = new SemaphoreSlim(workers, workers);
        Workers = workers;
    }

    public int Workers { get; }

    /// <summary>Time spent holding a worker slot, summed over workers (the benchmark's RSA occupancy).</summary>
    public TimeSpan Busy => TimeSpan.FromSeconds(Interlocked.Read(ref _busyTicks) / (double)System.Diagnostics.Stopwatch.Frequency);

    /// <summary>Concurrent reconciles for the controller: <see cref="InFlightPerWorker"/> × workers.</summary>
    public static int InFlight(int workers) => checked(Math.Max(1, workers) * InFlightPerWorker);

    /// <summary>Runs <paramref name="unseal"/> on the calling thread once a worker slot is free.</summary>
    public async Task<T> RunAsync<T>(Func<T> unseal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unseal);
        await _slots.WaitAsync(cancellationToken).ConfigureAwait(false);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            return unseal();
        }
        finally
        {
            Interlocked.Add(ref _busyTicks, System.Diagnostics.Stopwatch.GetTimestamp() - started);
            _slots.Release();
        }
    }

    public void Dispose() => _slots.Dispose();
}
