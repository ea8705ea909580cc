using Kube.Runtime.Leadership;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SealedSecrets.Controller.Options;

namespace SealedSecrets.Controller.Keys;

/// <summary>
/// Loads keys before anything else of the controller starts, then renews them on schedule: first at
/// <c>period − age(latest)</c>, then every period (reference §3.4). A zero period disables renewal;
/// <see cref="RenewNow"/> (SIGUSR1 upstream) makes a key at once either way. Time comes from the
/// injected clock, so a fake clock drives renewal in tests.
/// <para>
/// With leader election only the leader makes keys (first key, cutoff key, renewals, SIGUSR1):
/// replicas starting together on an empty cluster would otherwise each create one. A follower loads
/// what exists and learns later keys from the key Secret watch (<c>KeySecretWatcher</c>); a replica
/// that becomes leader lists the key Secrets again before deciding that a key is missing or due.
/// </para>
/// </summary>
internal sealed partial class KeyRenewalService(
    KeyRenewal renewal,
    SealedSecretsControllerOptions options,
    ILeadership leadership,
    TimeProvider time,
    ILogger<KeyRenewalService> logger) : BackgroundService
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _renewNow = new(0, int.MaxValue);

    /// <summary>Completes when the first load (and first key, if needed) is done.</summary>
    public Task Initialized => _initialized.Task;

    private readonly TaskCompletionSource _initialized = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>SIGUSR1: a new key now; on a follower (leader election) it is ignored, the leader makes keys.</summary>
    public void RenewNow()
    {
        if (options.LeaderElect && !leadership.IsLeader)
        {
            Log.NotLeader(logger);
            return;
        }
        _renewNow.Release();
    }

    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        // The reconciler and /v1/cert.pem need keys, so this runs before they start. A follower
        // only loads: making the first key is the leader's job (see ExecuteAsync).
        if (options.LeaderElect)
        {
            await renewal.LoadAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await renewal.InitializeAsync(cancellationToken).ConfigureAwait(false);
            _initialized.TrySetResult();
        }
        await base.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        _renewNow.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.LeaderElect && !await LeadAsync(stoppingToken).ConfigureAwait(false))
        {
            return;
        }
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
                if (!await PauseAfterFailureAsync(ex, stoppingToken).ConfigureAwait(false))
                {
                    return;
                }
            }
        }
    }

    /// <summary>Waits for the Lease, then reloads and makes the first (or cutoff) key if still needed.</summary>
    private async Task<bool> LeadAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            try
            {
                await leadership.WaitForLeadershipAsync(stoppingToken).ConfigureAwait(false);
                // The previous leader may have made keys this replica has not seen yet.
                await renewal.InitializeAsync(stoppingToken).ConfigureAwait(false);
                _initialized.TrySetResult();
                return true;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return false;
            }
#pragma warning disable CA1031 // Retried after a minute, as renewal failures are.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                if (!await PauseAfterFailureAsync(ex, stoppingToken).ConfigureAwait(false))
                {
                    return false;
                }
            }
        }
    }

    /// <summary>Logs <paramref name="failure"/> and waits a minute before the next try; false once stopping.</summary>
    private async Task<bool> PauseAfterFailureAsync(Exception failure, CancellationToken stoppingToken)
    {
        Log.RenewalFailed(logger, failure);
        try
        {
            await Task.Delay(TimeSpan.FromMinutes(1), time, stoppingToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private static partial class Log
    {
        [LoggerMessage(3010, LogLevel.Error, "Key renewal failed; retrying in a minute")]
        public static partial void RenewalFailed(ILogger logger, Exception exception);

        [LoggerMessage(3011, LogLevel.Warning, "Key renewal requested on a replica that does not lead; only the leader makes keys")]
        public static partial void NotLeader(ILogger logger);
    }
}
