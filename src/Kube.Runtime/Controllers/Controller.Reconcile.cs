using Microsoft.Extensions.Logging;

namespace Kube.Runtime.Controllers;

// controller-runtime's reconcileHandler: the result or the error decides what the queue does.
internal sealed partial class Controller<T>
{
    private async Task ReconcileAsync(ReconcileRequest request)
    {
        // As controller-runtime: every log line of this reconcile (the reconciler's too, scopes flow
        // through the logger factory) carries the controller, the key and a reconcile id.
        using var scope = _logger.BeginScope(new Dictionary<string, object?>
        {
            ["controller"] = Name,
            ["namespace"] = request.Namespace,
            ["name"] = request.Name,
            ["reconcileID"] = Guid.NewGuid().ToString(),
        });
        var active = _metrics.ActiveWorkers.WithLabels(Name);
        active.Inc();
        var started = _time.GetTimestamp();
        using var timeout = _options.ReconcileTimeout is { } limit ? new CancellationTokenSource(limit, _time) : null;
        using var linked = timeout is null ? null : CancellationTokenSource.CreateLinkedTokenSource(_abort.Token, timeout.Token);
        var token = linked?.Token ?? _abort.Token;
        string outcome;
        try
        {
            var result = await _reconciler.ReconcileAsync(request, token).ConfigureAwait(false);
            if (result.Delay is { } delay)
            {
                // A requested delay is not a failure: reset the backoff, then come back later.
                Queue.Forget(request);
                Queue.AddAfter(request, delay);
                outcome = "requeue_after";
            }
            else
            {
                Queue.Forget(request);
                outcome = "success";
            }
        }
        catch (TerminalReconcileException ex)
        {
            Queue.Forget(request);
            _metrics.ReconcileErrors.WithLabels(Name).Inc();
            _metrics.TerminalErrors.WithLabels(Name).Inc();
            Log.TerminalError(_logger, Name, request.ToString(), ex);
            outcome = "error";
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            // The host is stopping and its shutdown timeout passed; the key is picked up on next start.
            outcome = "error";
            _metrics.ReconcileErrors.WithLabels(Name).Inc();
        }
#pragma warning disable CA1031 // Any failure of user code is retried with backoff; the worker must survive it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Queue.AddRateLimited(request);
            _metrics.ReconcileErrors.WithLabels(Name).Inc();
            Log.ReconcileError(_logger, Name, request.ToString(), Queue.NumRequeues(request), ex);
            outcome = "error";
        }
        finally
        {
            active.Dec();
            _metrics.ReconcileTime.WithLabels(Name).Observe(_time.GetElapsedTime(started).TotalSeconds);
        }

        _metrics.ReconcileTotal.WithLabels(Name, outcome).Inc();
    }

    private static partial class Log
    {
        [LoggerMessage(2001, LogLevel.Information, "Controller {Controller} waiting for leadership")]
        public static partial void WaitingForLeadership(ILogger logger, string controller);

        [LoggerMessage(2002, LogLevel.Information, "Controller {Controller} starting {Workers} workers")]
        public static partial void Starting(ILogger logger, string controller, int workers);

        [LoggerMessage(2003, LogLevel.Information, "Controller {Controller} stopped")]
        public static partial void Stopped(ILogger logger, string controller);

        [LoggerMessage(2004, LogLevel.Error, "Reconciler error in {Controller} for {Key} (retry {Retries})")]
        public static partial void ReconcileError(ILogger logger, string controller, string key, int retries, Exception exception);

        [LoggerMessage(2005, LogLevel.Error, "Terminal reconciler error in {Controller} for {Key}; not retried")]
        public static partial void TerminalError(ILogger logger, string controller, string key, Exception exception);
    }
}
