using k8s;
using Sigil.Testing;

namespace SealedSecrets.Controller.Tests;

public sealed class LeaderElectionTests
{
    [Fact]
    public async Task Of_two_controllers_one_unseals_and_when_it_stops_the_other_takes_over()
    {
        await using var cluster = await ClusterFixture.StartAsync("apps");
        var first = await ClusterFixture.StartControllerAsync(cluster, ClusterFixture.Options(o => o.LeaderElect = true));
        await Eventually.UntilAsync(() => first.IsLeader, "the first controller leads", TimeSpan.FromSeconds(30));
        await Eventually.UntilAsync(() => first.LatestKeyFingerprint is not null, "the leader makes the first key", TimeSpan.FromSeconds(30));
        await using var second = await ClusterFixture.StartControllerAsync(cluster, ClusterFixture.Options(o => o.LeaderElect = true));
        Assert.Equal(first.LatestKeyFingerprint, second.LatestKeyFingerprint);

        var cert = await ClusterFixture.FetchCertAsync(first);
        await ClusterFixture.ApplyAsync(cluster.Client, ClusterFixture.Seal(cert, "apps", "one", new Dictionary<string, string> { ["k"] = "1" }));
        await ClusterFixture.SyncedAsync(cluster.Client, "apps", "one", "True");
        Assert.True(first.IsLeader);
        Assert.False(second.IsLeader);
        Assert.Equal(0, second.Writes);

        await first.DisposeAsync();
        await Eventually.UntilAsync(() => second.IsLeader, "the second controller takes over", TimeSpan.FromSeconds(40));
        await ClusterFixture.ApplyAsync(cluster.Client, ClusterFixture.Seal(cert, "apps", "two", new Dictionary<string, string> { ["k"] = "2" }));
        await ClusterFixture.SyncedAsync(cluster.Client, "apps", "two", "True");
        Assert.True(second.Writes > 0);
    }

    [Fact]
    public async Task Two_replicas_started_together_on_an_empty_cluster_make_one_key_and_both_serve_it()
    {
        await using var cluster = await ClusterFixture.StartAsync();
        var starts = Enumerable.Range(0, 2).Select(_ => ClusterFixture.StartControllerAsync(cluster, ClusterFixture.Options(o => o.LeaderElect = true))).ToList();
        var replicas = await Task.WhenAll(starts);
        try
        {
            await Eventually.UntilAsync(
                () => replicas.All(r => r.LatestKeyFingerprint is not null) && replicas[0].LatestKeyFingerprint == replicas[1].LatestKeyFingerprint,
                "both replicas hold the leader's key", TimeSpan.FromSeconds(40));
            var keys = await cluster.Client.CoreV1.ListNamespacedSecretAsync("kube-system", labelSelector: "sealedsecrets.bitnami.com/sealed-secrets-key=active");
            Assert.Single(keys.Items);
            Assert.Single(replicas, r => r.IsLeader);
            Assert.All(replicas, r => Assert.Equal(1, r.KeyCount));

            // A renewal request on the follower is ignored: only the leader makes keys.
            replicas.Single(r => !r.IsLeader).RenewKeyNow();
            replicas.Single(r => r.IsLeader).RenewKeyNow();
            await Eventually.UntilAsync(() => replicas.All(r => r.KeyCount == 2), "the leader's renewed key reaches the follower", TimeSpan.FromSeconds(40));
            keys = await cluster.Client.CoreV1.ListNamespacedSecretAsync("kube-system", labelSelector: "sealedsecrets.bitnami.com/sealed-secrets-key=active");
            Assert.Equal(2, keys.Items.Count);
            Assert.Equal(replicas[0].LatestKeyFingerprint, replicas[1].LatestKeyFingerprint);
        }
        finally
        {
            foreach (var replica in replicas)
            {
                await replica.DisposeAsync();
            }
        }
    }
}
