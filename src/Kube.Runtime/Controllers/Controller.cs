using k8s;
using k8s.Models;
using Kube.Runtime.Informers;
using Kube.Runtime.Leadership;
using Kube.Runtime.Metrics;
using Kube.Runtime.Queue;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kube.Runtime.Controllers;

/// <summary>
/// Runs one reconciler: informer events become keys in a rate-limited work queue, and
/// <see cref="ControllerOptions{T}.MaxConcurrentReconciles"/> workers take keys once every
/// informer has synced and this replica leads. On stop the queue stops handing out keys and
/// in-flight reconciliations finish; they are cancelled only if the host's shutdown timeout fires.
/// </summary>
internal sealed partial class Controller<T> : BackgroundService
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly ControllerOptions<T> _options;
    private readonly IInformer<T> _primary;
    private readonly IServiceProvider _services;
    private readonly IReconciler<T> _reconciler;
    private readonly ILeadership _leadership;
    private readonly RuntimeMetrics _metrics;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _abort = new();
    private readonly List<IDisposable> _subscriptions = [];

    public Controller(
        ControllerOptions<T> options,
        IInformer<T> primary,
        IServiceProvider services,
        IReconciler<T> reconciler,
        ILeadership leadership,
        RuntimeMetrics metrics,
        TimeProvider time,
        ILogger<Controller<T>> logger)
    {
        options.Validate();
        _options = options;
        _primary = primary;
        _services = services;
        _reconciler = reconciler;
        _leadership = leadership;
        _metrics = metrics;
        _time = time;
        _logger = logger;
        var limiter = RateLimiters.Create<ReconcileRequest>(options.BaseBackoff, options.MaxBackoff, options.RetryQps, options.RetryBurst, time);
        Queue = new WorkQueue<ReconcileRequest>(limiter, time, metrics.ForQueue(options.Name));
        metrics.TrackInFlight(options.Name, Queue.InFlight);
    }

    public string Name => _options.Name;

    internal WorkQueue<ReconcileRequest> Queue { get; }

    /// <summary>Completes when the workers have started (after sync and leadership).</summary>
    internal TaskCompletionSource Started { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        Queue.ShutDown();
        await using var abort = cancellationToken.Register(_abort.Cancel);
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
    }

    public override void Dispose()
    {
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }

        Queue.Dispose();
        _abort.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var informers = new List<IRunnableInformer>();
        if (_primary is IRunnableInformer runnable)
        {
            informers.Add(runnable);
        }

        var filter = _options.Filter;
        _subscriptions.Add(_primary.Subscribe(e =>
        {
            if (filter is null || filter(e))
            {
                Queue.Add(ReconcileRequest.For(e.Current));
            }
        }));
        foreach (var watch in _options.SecondaryWatches)
        {
            informers.Add(watch.Informer(_services));
            _subscriptions.Add(watch.Subscribe(_services, _primary.Resource, Queue.Add));
        }

        try
        {
            await Task.WhenAll(informers.Select(i => i.WaitForSyncAsync(stoppingToken))).ConfigureAwait(false);
            Log.WaitingForLeadership(_logger, Name);
            await _leadership.WaitForLeadershipAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        var workers = _options.MaxConcurrentReconciles;
        _metrics.MaxConcurrentReconciles.WithLabels(Name).Set(workers);
        Log.Starting(_logger, Name, workers);
        Started.TrySetResult();
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(() => WorkerAsync(stoppingToken), CancellationToken.None))).ConfigureAwait(false);
        Log.Stopped(_logger, Name);
    }

    private async Task WorkerAsync(CancellationToken stoppingToken)
    {
        while (true)
        {
            ReconcileRequest request;
            try
            {
                (request, var shuttingDown) = await Queue.GetAsync(stoppingToken).ConfigureAwait(false);
                if (shuttingDown)
                {
                    return;
                }
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                await ReconcileAsync(request).ConfigureAwait(false);
            }
            finally
            {
                Queue.Done(request);
            }
        }
    }
}
