using System.Net;
using k8s;
using k8s.Models;
using Kube.Runtime.Health;
using Kube.Runtime.Hosting;
using Kube.Runtime.Tests.Controllers;
using Kube.Runtime.Tests.Informers;
using Microsoft.Extensions.DependencyInjection;

namespace Kube.Runtime.Tests.Health;

public sealed class RuntimeHttpServerTests : IAsyncDisposable
{
    private readonly ControllerHostFixture _fixture = new();
    private readonly HttpClient _http = new() { Timeout = ControllerHostFixture.Bound };

    [Fact]
    public async Task Metrics_carry_controller_runtime_names_and_probes_follow_informer_sync()
    {
        var listed = new TaskCompletionSource();
        _fixture.Maps.Lists.Enqueue(_ =>
        {
            listed.Task.Wait(ControllerHostFixture.Bound);
            return new([Objects.Map("a", "1")], "10", null);
        });
        var host = _fixture.Build(b =>
        {
            b.Services.AddKubeRuntime(o => o.MetricsBindAddress = o.HealthProbeBindAddress = "127.0.0.1:0");
            b.Services.AddController<ScriptedReconciler, V1ConfigMap>(o => o.Name = "maps");
        });
        await host.StartAsync();
        var server = host.Services.GetRequiredService<RuntimeHttpServer>();
        var baseUri = Assert.Single(server.ProbeUrls);
        Assert.Equal(baseUri, Assert.Single(server.MetricsUrls));
        Assert.Equal("127.0.0.1", baseUri.Host);

        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync(new Uri(baseUri, "/healthz"))).StatusCode);
        var notReady = await _http.GetAsync(new Uri(baseUri, "/readyz"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
        Assert.Contains("configmaps", await notReady.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        listed.SetResult();
        await _fixture.Maps.NextWatchAsync();
        await ControllerHostFixture.Eventually(() => _fixture.Reconciler.Calls.Count == 1, "reconciled");
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync(new Uri(baseUri, "/readyz"))).StatusCode);

        var metrics = await _http.GetStringAsync(new Uri(baseUri, "/metrics"));
        string[] names =
        [
            "controller_runtime_reconcile_total{controller=\"maps\",result=\"success\"} 1",
            "controller_runtime_reconcile_errors_total",
            "controller_runtime_reconcile_time_seconds_bucket{controller=\"maps\"",
            "controller_runtime_max_concurrent_reconciles{controller=\"maps\"} 1",
            "controller_runtime_active_workers{controller=\"maps\"} 0",
            "workqueue_adds_total{name=\"maps\",controller=\"maps\"} 1",
            "workqueue_depth{name=\"maps\",controller=\"maps\"} 0",
            "workqueue_queue_duration_seconds_bucket{name=\"maps\",controller=\"maps\"",
            "workqueue_work_duration_seconds_bucket{name=\"maps\",controller=\"maps\"",
            "workqueue_retries_total",
            "workqueue_unfinished_work_seconds{name=\"maps\",controller=\"maps\"} 0",
            "workqueue_longest_running_processor_seconds{name=\"maps\",controller=\"maps\"} 0",
        ];
        Assert.All(names, n => Assert.Contains(n, metrics, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("0", null)]
    [InlineData(":8081", "http://*:8081")]
    [InlineData("127.0.0.1:9090", "http://127.0.0.1:9090")]
    [InlineData("http://[::1]:0", "http://[::1]:0")]
    public void Go_style_listen_addresses_become_Kestrel_urls(string? flag, string? url)
        => Assert.Equal(url, BindAddress.Parse(flag, "MetricsBindAddress"));

    [Fact]
    public void A_malformed_listen_address_names_the_field()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => BindAddress.Parse("localhost", "HealthProbeBindAddress"));
        Assert.Contains("HealthProbeBindAddress", ex.Message, StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _fixture.DisposeAsync();
    }
}
