namespace Kube.Runtime.Queue;

internal sealed class NoWorkQueueMetrics : IWorkQueueMetrics
{
    public static readonly NoWorkQueueMetrics Instance = new();

    public void Added()
    {
    }

    public void DepthChanged(int depth)
    {
    }

    public void QueueLatency(TimeSpan waited)
    {
    }

    public void WorkDuration(TimeSpan worked)
    {
    }

    public void Retried()
    {
    }
}
