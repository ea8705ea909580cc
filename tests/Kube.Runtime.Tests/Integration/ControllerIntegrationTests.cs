using System.Net;
using k8s;
using k8s.Models;
using Kube.Runtime.Health;
using Kube.Runtime.Hosting;
using Kube.Runtime.Informers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sigil.Testing;

namespace Kube.Runtime.Tests.Integration;

public sealed class ControllerIntegrationTests : IAsyncLifetime
{
    private EmbeddedCluster _cluster = null!;
    private IHost _host = null!;

    public async Task InitializeAsync()
    {
        _cluster = await EmbeddedCluster.StartAsync();
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<IKubernetes>(_cluster.CreateClient());
        builder.Services.AddKubeRuntime(o =>
        {
            o.HealthProbeBindAddress = "127.0.0.1:0";
            o.Events.Component = "mirror-controller";
        });
        builder.Services.AddController<MirrorReconciler, V1ConfigMap>(o =>
            {
                o.Name = "mirror";
                o.MaxConcurrentReconciles = 2;
            })
            .WithInformer(i => i.Namespace = "default")
            .Owns<V1Secret>(i => i.Transform = ObjectTransforms.SecretMetadataOnly);
        _host = builder.Build();
        await _host.StartAsync();
    }

    [Fact]
    public async Task The_controller_creates_owned_secrets_and_recreates_one_that_is_deleted()
    {
        await _cluster.Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "app" }, Data = new Dictionary<string, string> { ["k"] = "v" } }, "default");

        var secret = await Eventually.ValueAsync(
            async () => (await _cluster.Client.CoreV1.ListNamespacedSecretAsync("default", fieldSelector: "metadata.name=app")).Items.SingleOrDefault(),
            "Secret default/app exists");
        Assert.Equal("app", secret.Metadata.OwnerReferences.Single().Name);

        await _cluster.Client.CoreV1.DeleteNamespacedSecretAsync("app", "default");
        await Eventually.UntilAsync(
            async () => (await _cluster.Client.CoreV1.ListNamespacedSecretAsync("default", fieldSelector: "metadata.name=app")).Items.SingleOrDefault() is { } s
                && s.Metadata.Uid != secret.Metadata.Uid,
            "Secret default/app recreated after deletion");

        await Eventually.UntilAsync(
            async () => (await _cluster.Client.CoreV1.ListNamespacedEventAsync("default")).Items.Any(e => e.Reason == "Mirrored" && e.Source.Component == "mirror-controller"),
            "Mirrored event written");

        var probes = Assert.Single(_host.Services.GetRequiredService<RuntimeHttpServer>().ProbeUrls);
        using var http = new HttpClient { Timeout = Eventually.DefaultTimeout };
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri(probes, "/readyz"))).StatusCode);
    }

    public async Task DisposeAsync()
    {
        using var stop = new CancellationTokenSource(Eventually.DefaultTimeout);
        await _host.StopAsync(stop.Token);
        _host.Dispose();
        await _cluster.DisposeAsync();
    }
}
