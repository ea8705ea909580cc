using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SealedSecrets.Controller.Options;

namespace SealedSecrets.Controller.Keys;

/// <summary>
/// Loads keys before anything else of the controller starts, then renews them on schedule: first at
/// <c>period − age(latest)</c>, then every period (reference §3.4). A zero period disables renewal;
/// <see cref="RenewNow"/> (SIGUSR1 upstream) makes a key at once either way. Time comes from the
/// injected clock, so a fake clock drives renewal in tests.
/// </summary>
internal sealed partial class KeyRenewalService(KeyRenewal renewal, SealedSecretsControllerOptions options, TimeProvider time, ILogger<KeyRenewalService> logger) : BackgroundService
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _renewNow = new(0, int.MaxValue);

    /// <summary>Completes when the first load (and first key, if needed) is done.</summary>
    public Task Initialized => _initialized.Task;

    private readonly TaskCompletionSource _initialized = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void RenewNow() => _renewNow.Release();

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // The reconciler and /v1/cert.pem need keys, so this runs before they start.
        await renewal.InitializeAsync(cancellationToken).ConfigureAwait(false);
        _initialized.TrySetResult();
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        _renewNow.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            // Wake at least once a minute and look at the clock again: a long single timer would miss
            // its mark if the clock moved between reading it and arming the timer (and after suspend).
            var wait = options.KeyRenewPeriod > TimeSpan.Zero ? Min(renewal.NextRenewalDelay(), CheckInterval) : Timeout.InfiniteTimeSpan;
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            var delay = Task.Delay(wait, time, timer.Token);
            var signal = _renewNow.WaitAsync(timer.Token);
            try
            {
                var first = await Task.WhenAny(delay, signal).ConfigureAwait(false);
                await timer.CancelAsync().ConfigureAwait(false);
                await first.ConfigureAwait(false);
                if (first == signal || renewal.NextRenewalDelay() == TimeSpan.Zero)
                {
                    await renewal.GenerateAsync(first == signal ? "renewal requested" : "renew period elapsed", stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed renewal is retried after a minute; the controller keeps serving.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.RenewalFailed(logger, ex);
                try
                {
                    await Task.Delay(TimeSpan.FromMinutes(1), time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static partial class Log
    {
        [LoggerMessage(3010, LogLevel.Error, "Key renewal failed; retrying in a minute")]
        public static partial void RenewalFailed(ILogger logger, Exception exception);
    }
}
