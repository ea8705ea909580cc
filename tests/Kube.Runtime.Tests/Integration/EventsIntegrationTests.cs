using k8s;
using k8s.Models;
using Kube.Runtime.Events;
using Microsoft.Extensions.Logging.Abstractions;
using Sigil.Testing;

namespace Kube.Runtime.Tests.Integration;

public sealed class EventsIntegrationTests : IAsyncLifetime
{
    private EmbeddedCluster _cluster = null!;

    public async Task InitializeAsync() => _cluster = await EmbeddedCluster.StartAsync();

    [Fact]
    public async Task Events_are_written_to_the_server_and_repeats_raise_the_count()
    {
        var secret = await _cluster.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "checkout-secrets" } }, "default");
        using var recorder = new EventRecorder(new KubernetesEventSink(_cluster.Client), new EventRecorderOptions { Component = "test-controller" }, TimeProvider.System, NullLogger<EventRecorder>.Instance);

        await recorder.RecordAsync(secret, EventTypes.Warning, "ErrUpdateFailed", "Resource \"checkout-secrets\" already exists and is not managed by SealedSecret", CancellationToken.None);
        await recorder.RecordAsync(secret, EventTypes.Warning, "ErrUpdateFailed", "Resource \"checkout-secrets\" already exists and is not managed by SealedSecret", CancellationToken.None);
        await recorder.RecordAsync(secret, EventTypes.Normal, "Unsealed", "SealedSecret unsealed successfully", CancellationToken.None);

        var events = (await _cluster.Client.CoreV1.ListNamespacedEventAsync("default")).Items;
        var failed = Assert.Single(events, e => e.Reason == "ErrUpdateFailed");
        Assert.Equal(2, failed.Count);
        Assert.Equal(("Secret", "checkout-secrets", secret.Metadata.Uid), (failed.InvolvedObject.Kind, failed.InvolvedObject.Name, failed.InvolvedObject.Uid));
        Assert.Equal("test-controller", failed.Source.Component);
        Assert.Equal(1, Assert.Single(events, e => e.Reason == "Unsealed").Count);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();
}
