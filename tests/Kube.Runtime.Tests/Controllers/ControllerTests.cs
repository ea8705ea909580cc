using k8s;
using k8s.Models;
using Kube.Runtime.Controllers;
using Kube.Runtime.Hosting;
using Kube.Runtime.Metrics;
using Kube.Runtime.Informers;
using Kube.Runtime.Tests.Informers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using static Kube.Runtime.Tests.Controllers.ControllerHostFixture;

namespace Kube.Runtime.Tests.Controllers;

public sealed class ControllerTests : IAsyncDisposable
{
    private readonly ControllerHostFixture _fixture = new();

    private async Task<(IHost Host, FakeWatch<V1ConfigMap> Watch)> StartAsync(Action<ControllerOptions<V1ConfigMap>>? options = null, params V1ConfigMap[] existing)
    {
        _fixture.Maps.Lists.Enqueue(_ => new(existing, "10", null));
        var host = _fixture.Build(b => b.Services.AddController<ScriptedReconciler, V1ConfigMap>(o =>
        {
            o.Name = "maps";
            options?.Invoke(o);
        }));
        await host.StartAsync();
        return (host, await _fixture.Maps.NextWatchAsync());
    }

    private double Metric(Func<RuntimeMetrics, double> read) => read(_fixture.Host!.Services.GetRequiredService<RuntimeMetrics>());

    [Fact]
    public async Task Each_listed_object_is_reconciled_and_a_change_reconciles_it_again()
    {
        var (_, watch) = await StartAsync(null, Objects.Map("a", "1"), Objects.Map("b", "2", ns: "other"));
        await Eventually(() => _fixture.Reconciler.Calls.Count == 2, "both objects reconciled");
        Assert.Contains(new ReconcileRequest("other", "b"), _fixture.Reconciler.Calls);

        watch.Send(WatchEventType.Modified, Objects.Map("a", "11"));
        await Eventually(() => _fixture.Reconciler.CountFor("a") == 2, "a reconciled after its change");
        Assert.Equal(3, Metric(m => m.ReconcileTotal.WithLabels("maps", "success").Value));
    }

    [Fact]
    public async Task With_the_generation_filter_status_only_updates_do_not_reconcile_again()
    {
        var (_, watch) = await StartAsync(o => o.Filter = EventFilters.GenerationChanged, Generation(Objects.Map("a", "1"), 1));
        await Eventually(() => _fixture.Reconciler.Calls.Count == 1, "initial reconcile");

        watch.Send(WatchEventType.Modified, Generation(Objects.Map("a", "2"), 1));
        await Eventually(() => _fixture.Host!.Services.GetRequiredService<Kube.Runtime.Informers.IInformer<V1ConfigMap>>().LastResourceVersion == "2", "status-only update seen");
        await Task.Delay(30);
        Assert.Single(_fixture.Reconciler.Calls);

        watch.Send(WatchEventType.Modified, Generation(Objects.Map("a", "3"), 2));
        await Eventually(() => _fixture.Reconciler.Calls.Count == 2, "spec change reconciled");
    }

    private static V1ConfigMap Generation(V1ConfigMap map, long generation)
    {
        map.Metadata.Generation = generation;
        return map;
    }

    [Fact]
    public async Task A_failure_is_retried_after_the_per_key_backoff_on_the_fake_clock()
    {
        var failures = 2;
        _fixture.Reconciler.Behaviour = (_, _) => Interlocked.Decrement(ref failures) >= 0
            ? throw new HttpRequestException("transient")
            : Task.FromResult(ReconcileResult.Done);
        await StartAsync(o => o.BaseBackoff = TimeSpan.FromSeconds(1), Objects.Map("a", "1"));

        await Eventually(() => _fixture.Reconciler.Calls.Count == 1, "first attempt");
        await Eventually(() => _fixture.Host!.Services.GetRequiredService<Controller<V1ConfigMap>>().Queue.DelayedCount == 1, "retry scheduled");
        _fixture.Time.Advance(TimeSpan.FromMilliseconds(999));
        await Task.Delay(20);
        Assert.Single(_fixture.Reconciler.Calls);

        _fixture.Time.Advance(TimeSpan.FromMilliseconds(1));
        await Eventually(() => _fixture.Reconciler.Calls.Count == 2, "second attempt after 1 s");
        await Eventually(() => _fixture.Host!.Services.GetRequiredService<Controller<V1ConfigMap>>().Queue.DelayedCount == 1, "second retry scheduled");
        _fixture.Time.Advance(TimeSpan.FromSeconds(2));
        await Eventually(() => _fixture.Reconciler.Calls.Count == 3, "third attempt after 2 s more");

        await Eventually(() => Metric(m => m.ReconcileTotal.WithLabels("maps", "success").Value) == 1, "success counted");
        Assert.Equal(2, Metric(m => m.ReconcileErrors.WithLabels("maps").Value));
        Assert.Equal(2, Metric(m => m.ReconcileTotal.WithLabels("maps", "error").Value));
        Assert.Equal(2, Metric(m => m.Retries.WithLabels("maps", "maps").Value));
    }

    [Fact]
    public async Task RequeueAfter_comes_back_after_exactly_that_delay()
    {
        _fixture.Reconciler.Behaviour = (_, _) => Task.FromResult(ReconcileResult.RequeueAfter(TimeSpan.FromMinutes(10)));
        await StartAsync(null, Objects.Map("a", "1"));
        await Eventually(() => _fixture.Reconciler.Calls.Count == 1, "first reconcile");
        await Eventually(() => _fixture.Host!.Services.GetRequiredService<Controller<V1ConfigMap>>().Queue.DelayedCount == 1, "requeue scheduled");

        _fixture.Time.Advance(TimeSpan.FromMinutes(10) - TimeSpan.FromSeconds(1));
        await Task.Delay(20);
        Assert.Single(_fixture.Reconciler.Calls);
        _fixture.Time.Advance(TimeSpan.FromSeconds(1));
        await Eventually(() => _fixture.Reconciler.Calls.Count == 2, "second reconcile after 10 min");
        Assert.True(Metric(m => m.ReconcileTotal.WithLabels("maps", "requeue_after").Value) >= 1);
    }

    [Fact]
    public async Task A_reconcile_that_outlives_its_timeout_is_cancelled_and_retried()
    {
        var attempts = 0;
        _fixture.Reconciler.Behaviour = async (_, ct) =>
        {
            if (Interlocked.Increment(ref attempts) == 1)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            }

            return ReconcileResult.Done;
        };
        await StartAsync(o => o.ReconcileTimeout = TimeSpan.FromSeconds(30), Objects.Map("a", "1"));
        await Eventually(() => _fixture.Reconciler.Calls.Count == 1, "first attempt running");

        _fixture.Time.Advance(TimeSpan.FromSeconds(30));
        await Eventually(() => Metric(m => m.ReconcileErrors.WithLabels("maps").Value) == 1, "timeout counted as an error");
        _fixture.Time.Advance(TimeSpan.FromMilliseconds(5));
        await Eventually(() => Metric(m => m.ReconcileTotal.WithLabels("maps", "success").Value) == 1, "retry succeeded");
    }

    [Fact]
    public async Task A_terminal_error_is_counted_and_not_retried()
    {
        _fixture.Reconciler.Behaviour = (_, _) => throw new TerminalReconcileException("spec.template is invalid");
        await StartAsync(null, Objects.Map("a", "1"));
        await Eventually(() => Metric(m => m.TerminalErrors.WithLabels("maps").Value) == 1, "terminal error counted");

        _fixture.Time.Advance(TimeSpan.FromHours(1));
        await Task.Delay(20);
        Assert.Single(_fixture.Reconciler.Calls);
        Assert.Equal(0, _fixture.Host!.Services.GetRequiredService<Controller<V1ConfigMap>>().Queue.DelayedCount);
    }

    [Fact]
    public async Task Several_workers_run_different_keys_concurrently_but_never_one_key_twice()
    {
        var running = 0;
        var maxRunning = 0;
        var release = new TaskCompletionSource();
        _fixture.Reconciler.Behaviour = async (_, _) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref maxRunning, now);
            await release.Task;
            Interlocked.Decrement(ref running);
            return ReconcileResult.Done;
        };
        var (_, watch) = await StartAsync(o => o.MaxConcurrentReconciles = 3, Objects.Map("a", "1"), Objects.Map("b", "2"), Objects.Map("c", "3"));

        await Eventually(() => Volatile.Read(ref running) == 3, "three keys in flight");
        watch.Send(WatchEventType.Modified, Objects.Map("a", "11"));
        await Task.Delay(50);
        Assert.Equal(3, Volatile.Read(ref maxRunning));
        Assert.Equal(1, _fixture.Reconciler.CountFor("a"));
        Assert.Equal(3, Metric(m => m.ActiveWorkers.WithLabels("maps").Value));
        Assert.Equal(3, Metric(m => m.MaxConcurrentReconciles.WithLabels("maps").Value));

        release.SetResult();
        await Eventually(() => _fixture.Reconciler.CountFor("a") == 2, "a ran again after it finished");
    }

    [Fact]
    public async Task Stopping_lets_an_in_flight_reconcile_finish_without_cancelling_it()
    {
        var entered = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var sawCancellation = false;
        _fixture.Reconciler.Behaviour = async (_, ct) =>
        {
            entered.SetResult();
            await release.Task;
            sawCancellation = ct.IsCancellationRequested;
            return ReconcileResult.Done;
        };
        var (host, _) = await StartAsync(null, Objects.Map("a", "1"));
        await entered.Task.WaitAsync(Bound);

        var stop = host.StopAsync(new CancellationTokenSource(Bound).Token);
        await Task.Delay(50);
        Assert.False(stop.IsCompleted);
        release.SetResult();
        await stop.WaitAsync(Bound);
        Assert.False(sawCancellation);
    }

    [Fact]
    public async Task Owned_secrets_map_to_their_owner_through_the_controller_owner_reference()
    {
        _fixture.Maps.Lists.Enqueue(_ => new([Objects.Map("owner", "1")], "10", null));
        _fixture.Secrets.Lists.Enqueue(_ => new([], "10", null));
        var host = _fixture.Build(b => b.Services.AddController<ScriptedReconciler, V1ConfigMap>(o => o.Name = "maps").Owns<V1Secret>());
        await host.StartAsync();
        await _fixture.Maps.NextWatchAsync();
        var secrets = await _fixture.Secrets.NextWatchAsync();
        await Eventually(() => _fixture.Reconciler.CountFor("owner") == 1, "owner reconciled once");

        V1Secret Owned(string name, bool controller) => new()
        {
            Metadata = new V1ObjectMeta
            {
                Name = name,
                NamespaceProperty = "default",
                ResourceVersion = "20",
                OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "owner", Uid = "u", Controller = controller }],
            },
        };
        secrets.Send(WatchEventType.Added, Owned("s1", controller: true));
        await Eventually(() => _fixture.Reconciler.CountFor("owner") == 2, "owner reconciled after its Secret appeared");

        secrets.Send(WatchEventType.Added, Owned("s2", controller: false));
        secrets.Send(WatchEventType.Deleted, Owned("s1", controller: true));
        await Eventually(() => _fixture.Reconciler.CountFor("owner") == 3, "owner reconciled after its Secret was deleted");
        await Task.Delay(30);
        Assert.Equal(3, _fixture.Reconciler.CountFor("owner"));
    }

    [Fact]
    public async Task An_event_watch_sees_the_event_type_so_it_can_react_to_deletions_only()
    {
        _fixture.Maps.Lists.Enqueue(_ => new([Objects.Map("owner", "1")], "10", null));
        _fixture.Secrets.Lists.Enqueue(_ => new([], "10", null));
        var seen = new System.Collections.Concurrent.ConcurrentQueue<InformerEventType>();
        var host = _fixture.Build(b => b.Services.AddController<ScriptedReconciler, V1ConfigMap>(o => o.Name = "maps")
            .WatchesEvents<V1Secret>(e =>
            {
                seen.Enqueue(e.Type);
                return e.Type == InformerEventType.Deleted ? [new ReconcileRequest("default", "owner")] : [];
            }));
        await host.StartAsync();
        await _fixture.Maps.NextWatchAsync();
        var secrets = await _fixture.Secrets.NextWatchAsync();
        await Eventually(() => _fixture.Reconciler.CountFor("owner") == 1, "owner reconciled once");

        V1Secret Secret(string rv) => new() { Metadata = new V1ObjectMeta { Name = "s", NamespaceProperty = "default", ResourceVersion = rv } };
        secrets.Send(WatchEventType.Added, Secret("20"));
        secrets.Send(WatchEventType.Modified, Secret("21"));
        secrets.Send(WatchEventType.Deleted, Secret("22"));
        await Eventually(() => _fixture.Reconciler.CountFor("owner") == 2, "owner reconciled after the deletion");
        await Task.Delay(30);
        Assert.Equal(2, _fixture.Reconciler.CountFor("owner"));
        Assert.Equal([InformerEventType.Added, InformerEventType.Updated, InformerEventType.Deleted], seen.ToArray());
    }

    [Fact]
    public async Task Invalid_controller_options_fail_the_host_start_naming_the_field()
    {
        var host = _fixture.Build(b => b.Services.AddController<ScriptedReconciler, V1ConfigMap>(o => o.MaxConcurrentReconciles = 0));
        var ex = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());
        Assert.Contains("MaxConcurrentReconciles", ex.Message, StringComparison.Ordinal);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    public ValueTask DisposeAsync() => _fixture.DisposeAsync();
}
