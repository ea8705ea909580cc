using Kube.Runtime.Informers;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Kube.Runtime.Health;

/// <summary>Ready once every informer has stored its first list.</summary>
internal sealed class InformersSyncedHealthCheck(IEnumerable<IRunnableInformer> informers) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var pending = informers.Where(i => !i.HasSynced).Select(i => i.Resource.Plural).ToList();
        return Task.FromResult(pending.Count == 0
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy("caches not synced: " + string.Join(", ", pending)));
    }
}
