using System.Text.Json.Nodes;
using Kube.ApiServer.Protobuf;
using Kube.ApiServer.Tests.Patching;

namespace Kube.ApiServer.Tests.Protobuf;

public class KubectlCaptureTests
{
    [Fact]
    public async Task Kubectl_create_secret_generic_sends_protobuf_we_decode_and_accepts_our_answer()
    {
        var kubectl = KubectlRunner.Find();
        if (kubectl is null)
        {
            // No kubectl on this machine: the committed captures in TestData cover decoding.
            return;
        }

        await using var recorder = await KubectlRecorder.StartAsync();
        var dir = Directory.CreateTempSubdirectory("sigil-kubectl-");
        try
        {
            var kubeconfig = Path.Combine(dir.FullName, "kubeconfig");
            await File.WriteAllTextAsync(kubeconfig, KubectlRunner.Kubeconfig(recorder.Url, "demo"));

            var (exit, output) = await KubectlRunner.RunAsync(kubectl, dir.FullName, "--kubeconfig", kubeconfig, "--cache-dir", Path.Combine(dir.FullName, "cache"),
                "create", "secret", "generic", "live", "--from-literal=user=admin", "--from-literal=pass=s3cr3t");

            Assert.True(exit == 0, output);
            Assert.Contains("secret/live created", output, StringComparison.Ordinal);
            var post = Assert.Single(recorder.Posts);
            Assert.Equal("/api/v1/namespaces/demo/secrets", post.Path);
            Assert.StartsWith(KubeProtobuf.MediaType, post.ContentType, StringComparison.Ordinal);
            Assert.True(KubeProtobuf.TryDecode(post.Body, out var secret, out var error), error);
            // kubectl leaves the namespace to the URL; the body carries only the name.
            var expected = JsonNode.Parse("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"live"},"data":{"pass":"czNjcjN0","user":"YWRtaW4="}}""");
            Assert.True(JsonNode.DeepEquals(expected, secret), secret!.ToJsonString());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
