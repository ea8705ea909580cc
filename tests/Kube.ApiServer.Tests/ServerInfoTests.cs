using Kube.ApiServer;

namespace Kube.ApiServer.Tests;

public class ServerInfoTests
{
    [Fact]
    public void The_reported_version_is_a_1_32_release_so_kubectl_picks_matching_behaviour()
    {
        Assert.Equal("1", ServerInfo.Major);
        Assert.Equal("32", ServerInfo.Minor);
        Assert.StartsWith("v1.32.", ServerInfo.GitVersion, StringComparison.Ordinal);
    }
}
