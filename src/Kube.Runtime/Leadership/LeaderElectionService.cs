using System.Net;
using k8s;
using k8s.Autorest;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;
using k8s.Models;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kube.Runtime.Leadership;

/// <summary>
/// Runs the client's <see cref="LeaderElector"/> on a <see cref="LeaseLock"/>. Controllers wait on
/// <see cref="WaitForLeadershipAsync"/>. Losing the lease stops the application;
/// stopping releases the lease by deleting it with a resourceVersion precondition — the C#
/// elector treats a missing holderIdentity as "create the lock", so deleting (404 → create) is
/// the release every C# and Go candidate understands.
/// </summary>
internal sealed partial class LeaderElectionService : BackgroundService, ILeadership
{
    private readonly IKubernetes _client;
    private readonly LeaderElectionOptions _options;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly TaskCompletionSource _leading = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _isLeader;
    private volatile bool _stopping;

    public LeaderElectionService(IKubernetes client, LeaderElectionOptions options, IHostApplicationLifetime lifetime, TimeProvider time, ILogger<LeaderElectionService> logger)
    {
        options.Validate();
        _time = time;
        _client = client;
        _options = options;
        _lifetime = lifetime;
        _logger = logger;
        Identity = options.Identity ?? $"{Environment.MachineName}_{Guid.NewGuid():N}";
    }

    public bool IsLeader => _isLeader;

    public string Identity { get; }

    public Task WaitForLeadershipAsync(CancellationToken cancellationToken) => _leading.Task.WaitAsync(cancellationToken);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        _stopping = true;
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        if (_isLeader && _options.ReleaseOnShutdown)
        {
            await ReleaseAsync(cancellationToken).ConfigureAwait(false);
        }

        _isLeader = false;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var leaseLock = new LeaseLock(_client, _options.LeaseNamespace, _options.LeaseName, Identity);
        using var elector = new LeaderElector(new LeaderElectionConfig(leaseLock)
        {
            LeaseDuration = _options.LeaseDuration,
            RenewDeadline = _options.RenewDeadline,
            RetryPeriod = _options.RetryPeriod,
        });
        elector.OnStartedLeading += () =>
        {
            _isLeader = true;
            Log.Started(_logger, Identity, _options.LeaseNamespace, _options.LeaseName);
            _leading.TrySetResult();
        };
        elector.OnStoppedLeading += () =>
        {
            var wasLeader = _isLeader;
            if (!_stopping)
            {
                _isLeader = false;
            }

            if (wasLeader && !_stopping)
            {
                // As controller-runtime: a replica that lost the lease exits rather than risk two
                // leaders reconciling at once; the orchestrator restarts it as a standby.
                Log.Lost(_logger, Identity);
                _lifetime.StopApplication();
            }
        };
        elector.OnNewLeader += leader => Log.NewLeader(_logger, leader ?? string.Empty);
        elector.OnError += ex => Log.ElectionError(_logger, Identity, ex);

        Log.Candidate(_logger, Identity, _options.LeaseNamespace, _options.LeaseName);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Returns only after this replica led and lost the lease (OnStoppedLeading stopped the app).
                await elector.RunUntilLeadershipLostAsync(stoppingToken).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // The elector lets transport errors escape while acquiring; a candidate keeps trying.
            catch (Exception ex) when (!_leading.Task.IsCompleted)
#pragma warning restore CA1031
            {
                Log.ElectionError(_logger, Identity, ex);
                try
                {
                    await Task.Delay(_options.RetryPeriod, _time, stoppingToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    private async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        try
        {
            var lease = await _client.CoordinationV1.ReadNamespacedLeaseAsync(_options.LeaseName, _options.LeaseNamespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (lease.Spec?.HolderIdentity != Identity)
            {
                return;
            }

            var preconditions = new V1Preconditions { ResourceVersion = lease.Metadata.ResourceVersion, Uid = lease.Metadata.Uid };
            await _client.CoordinationV1.DeleteNamespacedLeaseAsync(_options.LeaseName, _options.LeaseNamespace, new V1DeleteOptions { Preconditions = preconditions }, cancellationToken: cancellationToken).ConfigureAwait(false);
            Log.Released(_logger, Identity);
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Conflict)
        {
            // Already gone or already taken over: nothing to release.
        }
#pragma warning disable CA1031 // Releasing is best effort; the lease expires on its own anyway.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Log.ReleaseFailed(_logger, Identity, ex);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(3001, LogLevel.Information, "{Identity} is a candidate for lease {Namespace}/{Lease}")]
        public static partial void Candidate(ILogger logger, string identity, string @namespace, string lease);

        [LoggerMessage(3002, LogLevel.Information, "{Identity} became leader of lease {Namespace}/{Lease}")]
        public static partial void Started(ILogger logger, string identity, string @namespace, string lease);

        [LoggerMessage(3003, LogLevel.Error, "{Identity} lost leadership; stopping")]
        public static partial void Lost(ILogger logger, string identity);

        [LoggerMessage(3004, LogLevel.Information, "Observed leader {Leader}")]
        public static partial void NewLeader(ILogger logger, string leader);

        [LoggerMessage(3005, LogLevel.Information, "{Identity} released its lease")]
        public static partial void Released(ILogger logger, string identity);

        [LoggerMessage(3006, LogLevel.Warning, "{Identity} could not release its lease")]
        public static partial void ReleaseFailed(ILogger logger, string identity, Exception exception);

        [LoggerMessage(3007, LogLevel.Warning, "{Identity}: leader election request failed; retrying")]
        public static partial void ElectionError(ILogger logger, string identity, Exception exception);
    }
}
