using Kube.Runtime.Queue;
using Prometheus;

namespace Kube.Runtime.Metrics;

/// <summary>
/// The runtime's Prometheus registry and the controller-runtime metric families, named and
/// labelled as controller-runtime does so existing dashboards and alerts work unchanged
/// (aesthetics-ecosystem.md §1.1). Controllers may register their own families in
/// <see cref="Registry"/> through <see cref="Factory"/>; the /metrics endpoint exports it all.
/// </summary>
public sealed class RuntimeMetrics
{
    // controller-runtime's reconcile_time_seconds buckets (pkg/internal/controller/metrics).
    private static readonly double[] ReconcileBuckets =
    [
        0.005, 0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0,
        1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 3.5, 4.0, 4.5, 5, 6, 7, 8, 9, 10, 15, 20, 25, 30, 40, 50, 60,
    ];

    // client-go's workqueue latency buckets: 10 ns to 10 s, factor 10.
    private static readonly double[] QueueBuckets = Histogram.ExponentialBuckets(10e-9, 10, 10);

    private readonly Lock _gate = new();
    private readonly List<(string Name, Func<(TimeSpan Unfinished, TimeSpan Longest)> InFlight)> _queues = [];

    public RuntimeMetrics()
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        Factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        string[] controller = ["controller"];
        string[] queue = ["name", "controller"];
        ReconcileTotal = Factory.CreateCounter("controller_runtime_reconcile_total", "Reconciliations per controller and result (success, error, requeue, requeue_after).", ["controller", "result"]);
        ReconcileErrors = Factory.CreateCounter("controller_runtime_reconcile_errors_total", "Reconciliations that returned an error.", controller);
        TerminalErrors = Factory.CreateCounter("controller_runtime_terminal_reconcile_errors_total", "Reconciliations that failed with an error that is not retried.", controller);
        ReconcileTime = Factory.CreateHistogram("controller_runtime_reconcile_time_seconds", "Time spent in one reconciliation.", new HistogramConfiguration { LabelNames = controller, Buckets = ReconcileBuckets });
        MaxConcurrentReconciles = Factory.CreateGauge("controller_runtime_max_concurrent_reconciles", "Configured number of workers per controller.", controller);
        ActiveWorkers = Factory.CreateGauge("controller_runtime_active_workers", "Workers currently reconciling.", controller);
        QueueAdds = Factory.CreateCounter("workqueue_adds_total", "Items added to the work queue.", queue);
        QueueDepth = Factory.CreateGauge("workqueue_depth", "Items waiting in the work queue.", queue);
        QueueLatency = Factory.CreateHistogram("workqueue_queue_duration_seconds", "Time an item waits in the queue before a worker takes it.", new HistogramConfiguration { LabelNames = queue, Buckets = QueueBuckets });
        WorkDuration = Factory.CreateHistogram("workqueue_work_duration_seconds", "Time a worker spends on one item.", new HistogramConfiguration { LabelNames = queue, Buckets = QueueBuckets });
        Retries = Factory.CreateCounter("workqueue_retries_total", "Items re-added with rate-limited backoff.", queue);
        UnfinishedWork = Factory.CreateGauge("workqueue_unfinished_work_seconds", "Sum of how long in-flight items have been running; a large value with a flat work duration means stuck workers.", queue);
        LongestRunning = Factory.CreateGauge("workqueue_longest_running_processor_seconds", "How long the longest in-flight item has been running.", queue);
        Registry.AddBeforeCollectCallback(RefreshInFlight);
    }

    public CollectorRegistry Registry { get; }

    public IMetricFactory Factory { get; }

    internal Counter ReconcileTotal { get; }

    internal Counter ReconcileErrors { get; }

    internal Counter TerminalErrors { get; }

    internal Histogram ReconcileTime { get; }

    internal Gauge MaxConcurrentReconciles { get; }

    internal Gauge ActiveWorkers { get; }

    internal Counter QueueAdds { get; }

    internal Gauge QueueDepth { get; }

    internal Histogram QueueLatency { get; }

    internal Histogram WorkDuration { get; }

    internal Counter Retries { get; }

    internal Gauge UnfinishedWork { get; }

    internal Gauge LongestRunning { get; }

    /// <summary>Writes the Prometheus text exposition of everything in <see cref="Registry"/>.</summary>
    public Task ExportAsync(Stream destination, CancellationToken cancellationToken)
        => Registry.CollectAndExportAsTextAsync(destination, cancellationToken);

    internal IWorkQueueMetrics ForQueue(string name) => new WorkQueueMetrics(this, name);

    /// <summary>Registers a queue whose in-flight times are sampled at each scrape.</summary>
    internal void TrackInFlight(string name, Func<(TimeSpan Unfinished, TimeSpan Longest)> inFlight)
    {
        lock (_gate)
        {
            _queues.Add((name, inFlight));
        }
    }

    private void RefreshInFlight()
    {
        lock (_gate)
        {
            foreach (var (name, inFlight) in _queues)
            {
                var (unfinished, longest) = inFlight();
                UnfinishedWork.WithLabels(name, name).Set(unfinished.TotalSeconds);
                LongestRunning.WithLabels(name, name).Set(longest.TotalSeconds);
            }
        }
    }
}
