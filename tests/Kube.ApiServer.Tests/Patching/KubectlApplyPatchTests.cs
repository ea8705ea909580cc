using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Kube.ApiServer.Patching;

namespace Kube.ApiServer.Tests.Patching;

/// <summary>Golden cases: strategic merge patches real kubectl apply sent (see TestData/README.md).</summary>
public class KubectlApplyPatchTests
{
    [Theory]
    [InlineData("deployment", "apps/v1", "Deployment")]
    [InlineData("secret", "v1", "Secret")]
    [InlineData("configmap", "v1", "ConfigMap")]
    [InlineData("service", "v1", "Service")]
    [InlineData("serviceaccount", "v1", "ServiceAccount")]
    public void Kubectl_apply_three_way_patches_produce_what_the_apiserver_stores(string scenario, string apiVersion, string kind)
    {
        var live = Load($"kubectl-apply-{scenario}.live.json");
        var patch = Load($"kubectl-apply-{scenario}.patch.json");
        var expected = Load($"kubectl-apply-{scenario}.expected.json");

        var result = StrategicMergePatch.Apply(live, patch, apiVersion, kind);

        Assert.True(JsonNode.DeepEquals(expected, result), result.ToJsonString());
    }

    private static JsonNode Load(string name, [CallerFilePath] string source = "") =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(Path.GetDirectoryName(source)!, "TestData", name)))!;
}
