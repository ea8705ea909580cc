using Kube.Runtime.Leadership;
using Microsoft.Extensions.Hosting;

namespace Kube.Runtime.Hosting;

/// <summary>Starts and stops the leader elector when leader election is on; a no-op otherwise.</summary>
internal sealed class LeadershipHost(ILeadership leadership) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
        => leadership is IHostedService hosted ? hosted.StartAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
        => leadership is IHostedService hosted ? hosted.StopAsync(cancellationToken) : Task.CompletedTask;
}
