using Sigil.Testing;

namespace Kube.ApiServer.Tests.Conformance;

/// <summary>One in-memory embedded cluster shared by the tests of a class (each test uses its own names).</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    private EmbeddedCluster? _cluster;

    public EmbeddedCluster Cluster => _cluster ?? throw new InvalidOperationException("cluster not started");

    public async Task InitializeAsync() => _cluster = await EmbeddedCluster.StartAsync();

    public async Task DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
