using Kube.Runtime.Events;
using Kube.Runtime.Leadership;

namespace Kube.Runtime.Hosting;

/// <summary>Process-wide runtime settings: listen addresses, leader election, event source.</summary>
public sealed class RuntimeOptions
{
    /// <summary>
    /// Where /metrics is served: <c>host:port</c>, <c>:port</c> (all interfaces), a URL, or
    /// null/"0" to not serve it (e.g. when the controller maps the endpoints on its own server).
    /// </summary>
    public string? MetricsBindAddress { get; set; }

    /// <summary>Where /healthz and /readyz are served; may equal <see cref="MetricsBindAddress"/>.</summary>
    public string? HealthProbeBindAddress { get; set; }

    public LeaderElectionOptions LeaderElection { get; } = new();

    public EventRecorderOptions Events { get; } = new();

    internal void Validate()
    {
        LeaderElection.Validate();
        BindAddress.Parse(MetricsBindAddress, nameof(MetricsBindAddress));
        BindAddress.Parse(HealthProbeBindAddress, nameof(HealthProbeBindAddress));
        if (Events.QueueCapacity < 1 || Events.AggregationCacheSize < 1 || string.IsNullOrWhiteSpace(Events.Component))
        {
            throw new InvalidOperationException("Events: Component must be set and QueueCapacity and AggregationCacheSize must be at least 1.");
        }
    }
}
