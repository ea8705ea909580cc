using k8s.Models;
using Kube.Runtime.Informers;
using Microsoft.Extensions.Hosting;
using SealedSecrets.Controller.Keys;
using SealedSecrets.Controller.Options;

namespace SealedSecrets.Controller.Hosting;

/// <summary>
/// <c>--watch-for-secrets</c>: key Secrets that appear while running (a restored backup, a key made
/// by another replica) are registered without a restart. Upstream only handles Add events; so do we.
/// </summary>
internal sealed class KeySecretWatcher(IInformer<V1Secret> secrets, KeyRenewal renewal, SealedSecretsControllerOptions options) : IHostedService, IDisposable
{
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.WatchForSecrets)
        {
            _subscription = secrets.Subscribe(e =>
            {
                if (e.Type != InformerEventType.Deleted && KeySecrets.IsKeySecret(e.Current, options) && e.Current.Data is not null)
                {
                    renewal.TryRegister(e.Current);
                }
            });
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _subscription?.Dispose();
}
