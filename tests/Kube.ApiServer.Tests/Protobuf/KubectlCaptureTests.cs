using System.Diagnostics;
using System.Text.Json.Nodes;
using Kube.ApiServer.Protobuf;

namespace Kube.ApiServer.Tests.Protobuf;

public class KubectlCaptureTests
{
    [Fact]
    public async Task Kubectl_create_secret_generic_sends_protobuf_we_decode_and_accepts_our_answer()
    {
        var kubectl = FindOnPath("kubectl");
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
            await File.WriteAllTextAsync(kubeconfig, $"""
                apiVersion: v1
                kind: Config
                clusters: [{"{"}name: local, cluster: {"{"}server: "{recorder.Url}"{"}"}{"}"}]
                users: [{"{"}name: local, user: {"{"}token: test{"}"}{"}"}]
                contexts: [{"{"}name: local, context: {"{"}cluster: local, user: local, namespace: demo{"}"}{"}"}]
                current-context: local
                """);

            var (exit, output) = await RunAsync(kubectl, dir.FullName, "--kubeconfig", kubeconfig, "--cache-dir", Path.Combine(dir.FullName, "cache"),
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

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(p => Path.Combine(p, name))
            .FirstOrDefault(File.Exists);

    private static async Task<(int Exit, string Output)> RunAsync(string file, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
