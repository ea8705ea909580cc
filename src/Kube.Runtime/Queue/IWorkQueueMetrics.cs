namespace Kube.Runtime.Queue;

/// <summary>What a <see cref="WorkQueue{T}"/> reports; the Prometheus side lives in Metrics/.</summary>
internal interface IWorkQueueMetrics
{
    void Added();

    void DepthChanged(int depth);

    void QueueLatency(TimeSpan waited);

    void WorkDuration(TimeSpan worked);

    void Retried();
}
