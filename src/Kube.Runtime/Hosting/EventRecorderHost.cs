using Kube.Runtime.Events;
using Microsoft.Extensions.Hosting;

namespace Kube.Runtime.Hosting;

internal sealed class EventRecorderHost(IEventRecorder recorder) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
        => recorder is IHostedService hosted ? hosted.StartAsync(cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken)
        => recorder is IHostedService hosted ? hosted.StopAsync(cancellationToken) : Task.CompletedTask;
}
