using k8s;

namespace Kube.Runtime.Informers;

// The reflector loop: list (paged), then watch from the list's resourceVersion; resume after a
// watch ends; relist after 410; back off after errors; restart watches the watchdog finds silent.
public sealed partial class Informer<T>
{
    private string? _lastResourceVersion;
    private int _listCount;
    private int _watchCount;

    /// <summary>
    /// Runs until <paramref name="cancellationToken"/> fires. Errors are logged and retried.
    /// With <see cref="InformerOptions{T}.Namespaces"/> one list/watch stream runs per namespace,
    /// all feeding this one cache; the informer is synced when every stream has listed once.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var resync = _options.ResyncPeriod > TimeSpan.Zero
            ? _time.CreateTimer(_ => Resync(), null, _options.ResyncPeriod, _options.ResyncPeriod)
            : null;
        List<string?> scopes = _options.Namespaces.Count > 0 ? [.. _options.Namespaces.Distinct(StringComparer.Ordinal)] : [_options.Namespace];
        var unsynced = scopes.Count;
        void OnListed()
        {
            if (Interlocked.Decrement(ref unsynced) == 0)
            {
                _synced.TrySetResult();
            }
        }

        await Task.WhenAll(scopes.Select(scope => Task.Run(() => ReflectAsync(scope, OnListed, cancellationToken), CancellationToken.None))).ConfigureAwait(false);
    }

    private async Task ReflectAsync(string? scope, Action onFirstList, CancellationToken cancellationToken)
    {
        var backoff = _options.InitialBackoff;
        string? resumeFrom = null;
        var listed = false;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                if (resumeFrom is null)
                {
                    resumeFrom = await ListAsync(scope, cancellationToken).ConfigureAwait(false);
                    if (!listed)
                    {
                        listed = true;
                        onFirstList();
                    }
                }

                var (rv, sawEvent) = await WatchAsync(scope, resumeFrom, cancellationToken).ConfigureAwait(false);
                resumeFrom = rv;
                if (sawEvent)
                {
                    backoff = _options.InitialBackoff;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                break;
            }
            catch (ResourceVersionExpiredException ex)
            {
                Log.Expired(_logger, Resource.Kind, resumeFrom, ex.Message);
                resumeFrom = null;
            }
#pragma warning disable CA1031 // Any API or network failure is retried with backoff; the loop must survive it.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                Log.Failed(_logger, Resource.Kind, backoff, ex);
                try
                {
                    await Task.Delay(backoff, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }

                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, _options.MaxBackoff.Ticks));
            }
        }
    }

    private async Task<string> ListAsync(string? scope, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _listCount);
        using var timeout = new CancellationTokenSource(_options.ListTimeout, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var items = new List<T>();
        string? next = null;
        string resourceVersion;
        do
        {
            var page = await _client.ListAsync(
                new ListRequest(scope, _options.LabelSelector, _options.FieldSelector, _options.PageSize, next),
                linked.Token).ConfigureAwait(false);
            foreach (var item in page.Items)
            {
                // Transform per page so unrelated data is dropped before the next page arrives.
                if (Transform(item) is { } kept)
                {
                    items.Add(kept);
                }
            }

            next = page.Continue;
            resourceVersion = page.ResourceVersion;
        }
        while (next is not null);

        Replace(items, scope);
        Volatile.Write(ref _lastResourceVersion, resourceVersion);
        Log.Listed(_logger, Resource.Kind, items.Count, resourceVersion);
        return resourceVersion;
    }

    private async Task<(string ResourceVersion, bool SawEvent)> WatchAsync(string? scope, string resourceVersion, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _watchCount);
        var minSeconds = (int)_options.MinWatchTimeout.TotalSeconds;
        var maxSeconds = Math.Max(minSeconds, (int)_options.MaxWatchTimeout.TotalSeconds);
#pragma warning disable CA5394 // Jitter only spreads watch restarts; it is not security relevant.
        var timeoutSeconds = Random.Shared.Next(minSeconds, maxSeconds + 1);
#pragma warning restore CA5394
        var watchdog = _options.WatchdogTimeout ?? TimeSpan.FromSeconds(timeoutSeconds + 30);
        using var silent = new CancellationTokenSource(watchdog, _time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, silent.Token);
        var request = new WatchRequest(scope, _options.LabelSelector, _options.FieldSelector, resourceVersion, timeoutSeconds);
        var sawEvent = false;
        try
        {
            await foreach (var change in _client.WatchAsync(request, linked.Token).ConfigureAwait(false))
            {
                silent.CancelAfter(watchdog);
                sawEvent = true;
                switch (change.Type)
                {
                    case WatchEventType.Error:
                        if (change.Status?.Code == 410)
                        {
                            throw new ResourceVersionExpiredException(change.Status.Message ?? "410 Gone");
                        }

                        throw change.Status is null ? new KubernetesException("watch error without a Status") : new KubernetesException(change.Status);
                    case WatchEventType.Bookmark:
                        resourceVersion = change.ResourceVersion ?? resourceVersion;
                        break;
                    case WatchEventType.Deleted:
                        Delete(change.Object!);
                        resourceVersion = change.Object!.Metadata.ResourceVersion ?? resourceVersion;
                        break;
                    default:
                        Upsert(change.Object!);
                        resourceVersion = change.Object!.Metadata.ResourceVersion ?? resourceVersion;
                        break;
                }

                Volatile.Write(ref _lastResourceVersion, resourceVersion);
            }
        }
        catch (OperationCanceledException) when (silent.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            Log.WatchdogFired(_logger, Resource.Kind, watchdog, resourceVersion);
        }

        return (resourceVersion, sawEvent);
    }
}
