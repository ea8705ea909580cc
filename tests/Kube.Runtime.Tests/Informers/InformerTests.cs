using k8s;
using k8s.Models;
using Kube.Runtime.Informers;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Kube.Runtime.Tests.Informers;

public sealed class InformerTests : IAsyncDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(10);
    private readonly FakeTimeProvider _time = new();
    private readonly FakeListWatch<V1ConfigMap> _api = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly List<InformerEvent<V1ConfigMap>> _events = [];
    private Task? _run;

    private Informer<V1ConfigMap> Start(Action<InformerOptions<V1ConfigMap>>? configure = null)
    {
        var options = new InformerOptions<V1ConfigMap> { MinWatchTimeout = TimeSpan.FromMinutes(5), MaxWatchTimeout = TimeSpan.FromMinutes(5) };
        configure?.Invoke(options);
        var informer = new Informer<V1ConfigMap>(_api, options, _time, NullLogger.Instance);
        informer.Subscribe(e =>
        {
            lock (_events)
            {
                _events.Add(e);
            }
        });
        _run = Task.Run(() => informer.RunAsync(_stop.Token));
        return informer;
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Bound;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not met within the bound");
            await Task.Delay(5);
        }
    }

    [Fact]
    public async Task It_lists_then_watches_from_the_list_resourceVersion_and_applies_events()
    {
        _api.Lists.Enqueue(_ => new([Objects.Map("a", "5"), Objects.Map("b", "6")], "10", null));
        var informer = Start();

        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Bound);
        Assert.Equal(2, informer.Count);
        var watch = await _api.NextWatchAsync();
        Assert.Equal("10", watch.Request.ResourceVersion);
        Assert.Equal(300, watch.Request.TimeoutSeconds);

        watch.Send(WatchEventType.Modified, Objects.Map("a", "11", value: "x"));
        watch.Send(WatchEventType.Deleted, Objects.Map("b", "12"));
        watch.Send(WatchEventType.Added, Objects.Map("c", "13"));
        await Eventually(() => informer.LastResourceVersion == "13");

        Assert.Equal("x", informer.Find("default", "a")!.Data["v"]);
        Assert.Null(informer.Find("default", "b"));
        Assert.NotNull(informer.Find("default", "c"));
        lock (_events)
        {
            Assert.Equal(
                [InformerEventType.Added, InformerEventType.Added, InformerEventType.Updated, InformerEventType.Deleted, InformerEventType.Added],
                _events.Select(e => e.Type));
        }
    }

    [Fact]
    public async Task A_list_in_pages_follows_the_continue_token_and_uses_the_last_page_resourceVersion()
    {
        _api.Lists.Enqueue(r => new([Objects.Map("a", "1")], "20", "page2"));
        _api.Lists.Enqueue(r => new([Objects.Map("b", "2")], "21", null));
        var informer = Start(o => o.PageSize = 1);

        var watch = await _api.NextWatchAsync();
        Assert.Equal("21", watch.Request.ResourceVersion);
        Assert.Equal(2, informer.Count);
        Assert.Equal([null, "page2"], _api.ListCalls.Select(c => c.Continue));
        Assert.All(_api.ListCalls, c => Assert.Equal(1, c.Limit));
    }

    [Fact]
    public async Task A_closed_watch_resumes_from_the_last_event_or_bookmark_without_relisting()
    {
        _api.Lists.Enqueue(_ => new([], "10", null));
        var informer = Start();
        var first = await _api.NextWatchAsync();
        first.Send(WatchEventType.Added, Objects.Map("a", "11"));
        first.Bookmark("15");
        first.Close();

        var second = await _api.NextWatchAsync();
        Assert.Equal("15", second.Request.ResourceVersion);
        Assert.Equal(1, informer.ListCount);
    }

    [Fact]
    public async Task A_410_Gone_relists_and_deletes_what_disappeared_meanwhile()
    {
        _api.Lists.Enqueue(_ => new([Objects.Map("a", "5"), Objects.Map("b", "6")], "10", null));
        _api.Lists.Enqueue(_ => new([Objects.Map("a", "5"), Objects.Map("c", "30")], "40", null));
        var informer = Start();
        var first = await _api.NextWatchAsync();

        first.Gone();
        var second = await _api.NextWatchAsync();

        Assert.Equal("40", second.Request.ResourceVersion);
        Assert.Equal(2, informer.ListCount);
        Assert.Null(informer.Find("default", "b"));
        Assert.NotNull(informer.Find("default", "c"));
        lock (_events)
        {
            // "a" is unchanged (same resourceVersion), so the relist does not report it again.
            Assert.Equal(
                ["Added a", "Added b", "Deleted b", "Added c"],
                _events.Select(e => $"{e.Type} {e.Current.Metadata.Name}"));
        }
    }

    [Fact]
    public async Task A_silent_watch_is_restarted_by_the_watchdog_on_the_fake_clock()
    {
        _api.Lists.Enqueue(_ => new([], "10", null));
        var informer = Start(o => o.WatchdogTimeout = TimeSpan.FromSeconds(90));
        var first = await _api.NextWatchAsync();
        first.Bookmark("12");
        await Eventually(() => informer.LastResourceVersion == "12");

        _time.Advance(TimeSpan.FromSeconds(89));
        await Task.Delay(20);
        Assert.Equal(1, informer.WatchCount);

        _time.Advance(TimeSpan.FromSeconds(1));
        var second = await _api.NextWatchAsync();
        Assert.Equal("12", second.Request.ResourceVersion);
        Assert.Equal(1, informer.ListCount);
    }

    [Fact]
    public async Task A_failed_list_is_retried_after_a_backoff_on_the_fake_clock()
    {
        _api.Lists.Enqueue(_ => throw new HttpRequestException("connection refused"));
        _api.Lists.Enqueue(_ => new([Objects.Map("a", "1")], "10", null));
        var informer = Start();

        await Eventually(() => _api.ListCalls.Count == 1);
        await Task.Delay(20);
        Assert.False(informer.HasSynced);
        _time.Advance(TimeSpan.FromMilliseconds(800));
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Bound);
        Assert.Equal(1, informer.Count);
    }

    [Fact]
    public async Task The_transform_strips_data_and_can_keep_objects_out_of_the_cache()
    {
        _api.Lists.Enqueue(_ => new([Objects.Map("keep", "1", value: "secret"), Objects.Map("drop", "2")], "10", null));
        var informer = Start(o => o.Transform = m => m.Metadata.Name == "drop" ? null : new V1ConfigMap { Metadata = m.Metadata });

        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Bound);
        Assert.Equal(1, informer.Count);
        Assert.Null(informer.Find("default", "keep")!.Data);

        var watch = await _api.NextWatchAsync();
        watch.Send(WatchEventType.Modified, Objects.Map("keep", "11"));
        watch.Send(WatchEventType.Modified, Objects.Map("drop", "12"));
        await Eventually(() => informer.LastResourceVersion == "12");
        Assert.Equal(1, informer.Count);
    }

    [Fact]
    public async Task Indexes_follow_updates_and_deletes()
    {
        _api.Lists.Enqueue(_ => new([Objects.Map("a", "1"), Objects.Map("b", "2", ns: "other")], "10", null));
        var informer = Start(o => o.AddIndex("app", m => [m.Metadata.Labels["app"]]));
        var watch = await _api.NextWatchAsync();

        Assert.Single(informer.ByIndex("app", "a"));
        var relabelled = Objects.Map("a", "11");
        relabelled.Metadata.Labels["app"] = "z";
        watch.Send(WatchEventType.Modified, relabelled);
        watch.Send(WatchEventType.Deleted, Objects.Map("b", "12", ns: "other"));
        await Eventually(() => informer.LastResourceVersion == "12");

        Assert.Empty(informer.ByIndex("app", "a"));
        Assert.Single(informer.ByIndex("app", "z"));
        Assert.Empty(informer.ByIndex("app", "b"));
        Assert.Single(informer.List("default"));
        Assert.Throws<ArgumentException>(() => informer.ByIndex("missing", "x"));
    }

    [Fact]
    public async Task Resync_redelivers_cached_objects_as_updates()
    {
        _api.Lists.Enqueue(_ => new([Objects.Map("a", "1")], "10", null));
        var informer = Start(o => o.ResyncPeriod = TimeSpan.FromHours(10));
        await _api.NextWatchAsync();

        _time.Advance(TimeSpan.FromHours(10));
        await Eventually(() =>
        {
            lock (_events)
            {
                return _events.Any(e => e.Type == InformerEventType.Updated && ReferenceEquals(e.Old, e.Current));
            }
        });
    }

    [Fact]
    public async Task Several_namespaces_are_watched_separately_into_one_cache_and_relisted_separately()
    {
        var relisted = false;
        ListPage<V1ConfigMap> ListFor(ListRequest r) => r.Namespace switch
        {
            "a" when relisted => new([], "30", null),
            "a" => new([Objects.Map("x", "1", ns: "a")], "10", null),
            _ => new([Objects.Map("y", "2", ns: "b")], "11", null),
        };
        _api.Lists.Enqueue(ListFor);
        _api.Lists.Enqueue(ListFor);
        var informer = Start(o =>
        {
            o.Namespaces.Add("a");
            o.Namespaces.Add("b");
        });

        var watches = new[] { await _api.NextWatchAsync(), await _api.NextWatchAsync() }.ToDictionary(w => w.Request.Namespace!);
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Bound);
        Assert.Equal(("10", "11"), (watches["a"].Request.ResourceVersion, watches["b"].Request.ResourceVersion));
        Assert.Equal(2, informer.Count);

        relisted = true;
        _api.Lists.Enqueue(ListFor);
        watches["a"].Gone();
        var again = await _api.NextWatchAsync();
        Assert.Equal(("a", "30"), (again.Request.Namespace, again.Request.ResourceVersion));
        Assert.Null(informer.Find("a", "x"));
        Assert.NotNull(informer.Find("b", "y"));
    }

    [Fact]
    public void Invalid_options_are_rejected_naming_the_field()
    {
        var options = new InformerOptions<V1ConfigMap> { PageSize = 0 };
        var ex = Assert.Throws<InvalidOperationException>(() => new Informer<V1ConfigMap>(_api, options, _time, NullLogger.Instance));
        Assert.Contains("PageSize", ex.Message, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            await _run.WaitAsync(Bound);
        }

        _stop.Dispose();
    }
}
