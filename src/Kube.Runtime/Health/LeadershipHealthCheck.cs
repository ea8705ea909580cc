using Kube.Runtime.Hosting;
using Kube.Runtime.Leadership;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Kube.Runtime.Health;

/// <summary>With leader election on (and ReadinessRequiresLeadership), only the leader is ready.</summary>
internal sealed class LeadershipHealthCheck(ILeadership leadership, IOptions<RuntimeOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var election = options.Value.LeaderElection;
        var ready = !election.Enabled || !election.ReadinessRequiresLeadership || leadership.IsLeader;
        return Task.FromResult(ready ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("not the leader"));
    }
}
