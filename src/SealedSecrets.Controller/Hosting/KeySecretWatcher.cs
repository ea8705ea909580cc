using k8s.Models;
using Kube.Runtime.Informers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SealedSecrets.Controller.Keys;
using SealedSecrets.Controller.Options;

namespace SealedSecrets.Controller.Hosting;

/// <summary>
/// <c>--watch-for-secrets</c>: key Secrets that appear while running (a restored backup, a key made
/// by another replica) are registered without a restart. Upstream only handles Add events; so do we.
/// With leader election this is always on: only the leader makes keys, and the other replicas learn
/// them here. The Secret cache holds metadata only, so the key itself is read with one GET.
/// </summary>
internal sealed partial class KeySecretWatcher(
    IInformer<V1Secret> secrets,
    KeyRenewal renewal,
    IKeySecretStore store,
    SealedSecretsControllerOptions options,
    ILogger<KeySecretWatcher> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private IDisposable? _subscription;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.WatchForSecrets || options.LeaderElect)
        {
            _subscription = secrets.Subscribe(e =>
            {
                if (e.Type != InformerEventType.Deleted && KeySecrets.IsKeySecret(e.Current, options)
                    && renewal.Registry.FindBySecretName(e.Current.Metadata.Name) is null)
                {
                    // Synchronously, on the informer's loop: this handler runs before the unseal
                    // controller's, which requeues failed SealedSecrets for the same event, so the
                    // key must be registered by then. Key Secrets appear rarely; one GET is cheap.
                    RegisterAsync(e.Current).GetAwaiter().GetResult();
                }
            });
        }
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping.Cancel();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _subscription?.Dispose();
        _stopping.Dispose();
    }

    private async Task RegisterAsync(V1Secret seen)
    {
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            var secret = seen.Data is not null
                ? seen
                : await store.GetAsync(seen.Metadata.NamespaceProperty, seen.Metadata.Name, timeout.Token).ConfigureAwait(false);
            if (secret is not null)
            {
                renewal.TryRegister(secret);
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopping.
        }
#pragma warning disable CA1031 // A failed read is logged; the key is picked up on the next event or restart.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.ReadFailed(logger, seen.Metadata.Name, ex.Message);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(3020, LogLevel.Warning, "Cannot read key Secret {Secret}: {Reason}")]
        public static partial void ReadFailed(ILogger logger, string secret, string reason);
    }
}
