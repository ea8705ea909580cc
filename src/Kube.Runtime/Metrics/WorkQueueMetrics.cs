using Kube.Runtime.Queue;
using Prometheus;

namespace Kube.Runtime.Metrics;

/// <summary>One queue's children of the workqueue_* families; both labels carry the controller name.</summary>
internal sealed class WorkQueueMetrics(RuntimeMetrics metrics, string name) : IWorkQueueMetrics
{
    private readonly Counter.Child _adds = metrics.QueueAdds.WithLabels(name, name);
    private readonly Gauge.Child _depth = metrics.QueueDepth.WithLabels(name, name);
    private readonly Histogram.Child _latency = metrics.QueueLatency.WithLabels(name, name);
    private readonly Histogram.Child _work = metrics.WorkDuration.WithLabels(name, name);
    private readonly Counter.Child _retries = metrics.Retries.WithLabels(name, name);

    public void Added() => _adds.Inc();

    public void DepthChanged(int depth) => _depth.Set(depth);

    public void QueueLatency(TimeSpan waited) => _latency.Observe(waited.TotalSeconds);

    public void WorkDuration(TimeSpan worked) => _work.Observe(worked.TotalSeconds);

    public void Retried() => _retries.Inc();
}
