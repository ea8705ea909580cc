using Sigil.Testing;

namespace Kube.ApiServer.Tests.Conformance;

/// <summary>
/// The machine's kubectl dispatcher runs the bundled kubectl matching the server's minor version
/// (reference §1), which gives a compatibility matrix for free: apply with default validation,
/// get and delete must work for kubectl 1.27 through 1.33. 1.27 and 1.28 decide field validation
/// from <c>/openapi/v2</c> only, so they also check the protobuf v2 document.
/// </summary>
public sealed class KubectlVersionsTests
{
    [KubectlFact]
    public async Task Kubectl_1_27_to_1_33_apply_get_and_delete_with_default_validation()
    {
        foreach (var minor in new[] { "27", "28", "29", "31", "33" })
        {
            await using var cluster = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions { KubernetesMinor = minor });
            var version = (await cluster.KubectlAsync("version")).EnsureSuccess().StdOut;
            // 1.27 prints the server's version.Info struct, later versions just its gitVersion.
            Assert.Matches($"Server Version: .*v1\\.{minor}\\.", version);

            var manifest = """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"compat"},"stringData":{"k":"v"}}""";
            (await cluster.KubectlAsync(["apply", "-f", "-"], manifest)).EnsureSuccess();
            (await cluster.KubectlAsync(["apply", "-f", "-"], manifest.Replace("\"v\"", "\"w\"", StringComparison.Ordinal))).EnsureSuccess();
            Assert.Contains("compat", (await cluster.KubectlAsync("get", "secrets")).EnsureSuccess().StdOut, StringComparison.Ordinal);
            (await cluster.KubectlAsync("delete", "secret", "compat")).EnsureSuccess();
        }
    }
}
