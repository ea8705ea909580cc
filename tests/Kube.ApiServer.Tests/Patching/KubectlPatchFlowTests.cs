using System.Text.Json.Nodes;

namespace Kube.ApiServer.Tests.Patching;

/// <summary>Real kubectl against the patch engines: client-side apply, label, server-side apply, json patch.</summary>
public class KubectlPatchFlowTests
{
    [Fact]
    public async Task Kubectl_apply_label_server_side_apply_and_patch_end_with_the_expected_secret()
    {
        var kubectl = KubectlRunner.Find();
        if (kubectl is null)
        {
            return; // No kubectl here: the captured patches in TestData cover the engines.
        }

        await using var server = await MiniSecretServer.StartAsync();
        var dir = Directory.CreateTempSubdirectory("sigil-kubectl-flow-");
        try
        {
            var kubeconfig = Path.Combine(dir.FullName, "kubeconfig");
            await File.WriteAllTextAsync(kubeconfig, KubectlRunner.Kubeconfig(server.Url, "default"));
            async Task Kubectl(params string[] args)
            {
                var (exit, output) = await KubectlRunner.RunAsync(kubectl, dir.FullName, ["--kubeconfig", kubeconfig, "--cache-dir", Path.Combine(dir.FullName, "cache"), .. args]);
                Assert.True(exit == 0, $"kubectl {string.Join(' ', args)}: {output}\n{string.Join('\n', server.Requests)}");
            }

            async Task Manifest(string data)
            {
                await File.WriteAllTextAsync(Path.Combine(dir.FullName, "s.yaml"), $"apiVersion: v1\nkind: Secret\nmetadata: {{name: db, namespace: default}}\ntype: Opaque\ndata: {data}\n");
            }

            await Manifest("{a: MQ==, b: Mg==, x: eA==}");
            await Kubectl("apply", "-f", "s.yaml", "--validate=false");
            await Manifest("{a: MQ==, c: Mw==, x: eA==}");
            await Kubectl("apply", "-f", "s.yaml", "--validate=false");
            await Kubectl("label", "secret", "db", "env=prod");
            await Manifest("{a: Mg==, c: Mw==, x: eA==}");
            await Kubectl("apply", "--server-side", "-f", "s.yaml", "--validate=false");
            await Kubectl("patch", "secret", "db", "--type", "json", "-p", """[{"op":"remove","path":"/data/x"}]""");

            var secret = server.Get("db")!;
            Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"a":"Mg==","c":"Mw=="}"""), secret["data"]), secret.ToJsonString());
            Assert.Equal("prod", secret["metadata"]!["labels"]!["env"]!.GetValue<string>());
            var managers = secret["metadata"]!["managedFields"]!.AsArray().Select(e => $"{e!["manager"]}/{e["operation"]}").ToList();
            // kubectl's migration folded kubectl-client-side-apply into kubectl's Apply entry; the json
            // patch only removed a field, so kubectl-patch owns nothing and gets no entry.
            Assert.Equal(["kubectl-last-applied/Apply", "kubectl/Apply", "kubectl-label/Update"], managers);
            Assert.True(JsonNode.DeepEquals(
                JsonNode.Parse("""{"f:data":{"f:a":{},"f:c":{}},"f:type":{}}"""),
                secret["metadata"]!["managedFields"]![1]!["fieldsV1"]));
            Assert.Contains(server.Requests, r => r.Contains("application/strategic-merge-patch+json", StringComparison.Ordinal));
            Assert.Contains(server.Requests, r => r.Contains("application/apply-patch+yaml", StringComparison.Ordinal));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
