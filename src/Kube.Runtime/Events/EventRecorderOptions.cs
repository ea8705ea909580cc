namespace Kube.Runtime.Events;

/// <summary>Who writes the events (<c>source.component</c>, <c>reportingComponent</c>/<c>reportingInstance</c>).</summary>
public sealed class EventRecorderOptions
{
    public string Component { get; set; } = "kube-runtime";

    public string? Instance { get; set; }

    /// <summary>Events waiting to be written; beyond this new events are dropped (never block reconcilers).</summary>
    public int QueueCapacity { get; set; } = 1000;

    /// <summary>Distinct events remembered for count aggregation (client-go: an LRU of 4096).</summary>
    public int AggregationCacheSize { get; set; } = 4096;
}
