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
}
