using k8s;
using Kube.Runtime.Hosting;
using Kube.Runtime.Leadership;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sigil.Testing;

namespace Kube.Runtime.Tests.Integration;

public sealed class LeaderElectionIntegrationTests : IAsyncLifetime
{
    // Generous bounds: CI runs test projects in parallel on two cores, and renewals must not miss their deadline.
    private static readonly TimeSpan Takeover = TimeSpan.FromSeconds(30);
    private EmbeddedCluster _cluster = null!;
    private readonly List<IHost> _hosts = [];

    public async Task InitializeAsync() => _cluster = await EmbeddedCluster.StartAsync();

    private async Task<IHost> StartReplicaAsync(string identity, bool release = true)
    {
        var builder = new HostApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddSingleton<IKubernetes>(_cluster.CreateClient());
        builder.Services.AddKubeRuntime(o =>
        {
            o.LeaderElection.Enabled = true;
            o.LeaderElection.LeaseName = "runtime-test";
            o.LeaderElection.LeaseNamespace = "default";
            o.LeaderElection.Identity = identity;
            o.LeaderElection.LeaseDuration = TimeSpan.FromSeconds(6);
            o.LeaderElection.RenewDeadline = TimeSpan.FromSeconds(4);
            o.LeaderElection.RetryPeriod = TimeSpan.FromMilliseconds(500);
            o.LeaderElection.ReleaseOnShutdown = release;
        });
        var host = builder.Build();
        await host.StartAsync();
        _hosts.Add(host);
        return host;
    }

    private static ILeadership Leadership(IHost host) => host.Services.GetRequiredService<ILeadership>();

    [Fact]
    public async Task Only_one_of_two_replicas_leads_and_the_other_takes_over_when_the_leader_stops()
    {
        var a = await StartReplicaAsync("replica-a");
        await Leadership(a).WaitForLeadershipAsync(CancellationToken.None).WaitAsync(Takeover);
        var b = await StartReplicaAsync("replica-b");
        var lease = await _cluster.Client.CoordinationV1.ReadNamespacedLeaseAsync("runtime-test", "default");
        Assert.Equal("replica-a", lease.Spec.HolderIdentity);

        // b keeps trying for longer than a lease lasts and still must not lead while a renews.
        var bLeads = Leadership(b).WaitForLeadershipAsync(CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(7));
        Assert.False(bLeads.IsCompleted);
        Assert.True(Leadership(a).IsLeader);

        await a.StopAsync();
        Assert.False(Leadership(a).IsLeader);
        await bLeads.WaitAsync(Takeover);
        Assert.True(Leadership(b).IsLeader);
        var taken = await Eventually.ValueAsync(
            async () => await _cluster.Client.CoordinationV1.ReadNamespacedLeaseAsync("runtime-test", "default") is { Spec.HolderIdentity: "replica-b" } l ? l : null,
            "lease held by replica-b");

        // a released by deleting its Lease, so b created a new one rather than waiting out a's.
        Assert.NotEqual(lease.Metadata.Uid, taken.Metadata.Uid);
    }

    [Fact]
    public async Task A_leader_that_dies_without_releasing_is_replaced_after_the_lease_expires()
    {
        var a = await StartReplicaAsync("replica-a", release: false);
        await Leadership(a).WaitForLeadershipAsync(CancellationToken.None).WaitAsync(Takeover);
        var b = await StartReplicaAsync("replica-b");
        var held = await _cluster.Client.CoordinationV1.ReadNamespacedLeaseAsync("runtime-test", "default");

        await a.StopAsync();
        await Leadership(b).WaitForLeadershipAsync(CancellationToken.None).WaitAsync(Takeover);
        var lease = await _cluster.Client.CoordinationV1.ReadNamespacedLeaseAsync("runtime-test", "default");
        Assert.Equal("replica-b", lease.Spec.HolderIdentity);
        Assert.Equal(held.Metadata.Uid, lease.Metadata.Uid);
        Assert.True(lease.Spec.LeaseTransitions >= 1);
    }

    [Fact]
    public async Task A_leader_whose_lease_is_taken_stops_the_application()
    {
        var a = await StartReplicaAsync("replica-a");
        await Leadership(a).WaitForLeadershipAsync(CancellationToken.None).WaitAsync(Takeover);
        var stopping = new TaskCompletionSource();
        a.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => stopping.TrySetResult());

        // The leader renews concurrently, so a read-modify-write may meet 409 Conflict: retry it.
        await Eventually.UntilAsync(
            async () =>
            {
                var lease = await _cluster.Client.CoordinationV1.ReadNamespacedLeaseAsync("runtime-test", "default");
                lease.Spec.HolderIdentity = "intruder";
                lease.Spec.RenewTime = DateTime.UtcNow;
                await _cluster.Client.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, "runtime-test", "default");
                return true;
            },
            "lease taken over by an intruder");

        await stopping.Task.WaitAsync(Takeover);
        Assert.False(Leadership(a).IsLeader);
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            using var stop = new CancellationTokenSource(Takeover);
            await host.StopAsync(stop.Token);
            host.Dispose();
        }

        await _cluster.DisposeAsync();
    }
}
