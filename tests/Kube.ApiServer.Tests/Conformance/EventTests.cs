using k8s;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;
using Sigil.Testing;

namespace Kube.ApiServer.Tests.Conformance;

/// <summary>Core v1 Events: describe-style field selectors and TTL expiry.</summary>
public sealed class EventTests
{
    [Fact]
    public async Task Events_are_found_by_involvedObject_and_expire_after_the_ttl()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 1, 12, 0, 0, TimeSpan.Zero));
        await using var cluster = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions { TimeProvider = clock });
        var client = cluster.Client;
        var now = clock.GetUtcNow().UtcDateTime;
        await client.CoreV1.CreateNamespacedEventAsync(new Corev1Event
        {
            Metadata = new V1ObjectMeta { Name = "w.1" },
            InvolvedObject = new V1ObjectReference { Kind = "Widget", Name = "w", NamespaceProperty = "default", Uid = "u-1" },
            Reason = "Synced",
            Message = "synced",
            Type = "Normal",
            FirstTimestamp = now,
            LastTimestamp = now,
            Count = 1,
        }, "default");

        var found = await client.CoreV1.ListNamespacedEventAsync("default", fieldSelector: "involvedObject.kind=Widget,involvedObject.name=w,involvedObject.uid=u-1");
        Assert.Equal("Synced", Assert.Single(found.Items).Reason);

        clock.Advance(TimeSpan.FromMinutes(30));
        Assert.Single((await client.CoreV1.ListNamespacedEventAsync("default")).Items);
        clock.Advance(TimeSpan.FromMinutes(40));
        await Eventually.UntilAsync(async () => (await client.CoreV1.ListNamespacedEventAsync("default")).Items.Count == 0, "the event expired after 1 h");
    }
}
