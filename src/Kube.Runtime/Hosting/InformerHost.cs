using Kube.Runtime.Informers;
using Microsoft.Extensions.Hosting;

namespace Kube.Runtime.Hosting;

/// <summary>
/// Runs every registered informer for the life of the process. Informers run on standby
/// replicas too, so a new leader starts with a warm cache (as controller-runtime's manager).
/// </summary>
internal sealed class InformerHost(IEnumerable<IRunnableInformer> informers) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
        => Task.WhenAll(informers.Select(i => Task.Run(() => i.RunAsync(stoppingToken), CancellationToken.None)));
}
