using System.Diagnostics;
using k8s;
using k8s.Models;
using Sigil.Testing;

namespace Kube.ApiServer.Tests.Conformance;

/// <summary>Debian's python3-kubernetes (22.6) — a third client we did not write: list, then watch from the list's resourceVersion.</summary>
public sealed class PythonClientTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private const string Python = "/usr/bin/python3";

    private const string Script = """
        import sys
        from kubernetes import client, config, watch
        config.load_kube_config(config_file=sys.argv[1])
        ns = sys.argv[2]
        v1 = client.CoreV1Api()
        listed = v1.list_namespaced_secret(ns)
        print("LIST", ",".join(sorted(s.metadata.name for s in listed.items)), flush=True)
        v1.create_namespaced_secret(ns, client.V1Secret(metadata=client.V1ObjectMeta(name="from-python"), string_data={"k": "v"}))
        w = watch.Watch()
        for event in w.stream(v1.list_namespaced_secret, ns, resource_version=listed.metadata.resource_version, timeout_seconds=20):
            print("EVENT", event["type"], event["object"].metadata.name, flush=True)
            if event["object"].metadata.name == "last":
                w.stop()
        """;

    public static bool Available { get; } = File.Exists(Python) && Run(Python, ["-c", "import kubernetes"]).ExitCode == 0;

    [PythonKubernetesFact]
    public async Task Python_client_lists_then_watches_from_the_list_resourceVersion()
    {
        var client = fixture.Cluster.Client;
        var ns = $"py-{Guid.NewGuid().ToString("N")[..8]}";
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "existing" } }, ns);

        var script = Path.Combine(fixture.Cluster.WorkDirectory, "client.py");
        await File.WriteAllTextAsync(script, Script);
        var psi = new ProcessStartInfo(Python) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { script, fixture.Cluster.KubeconfigPath, ns })
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var lines = new List<string>();
        var first = await process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));
        lines.Add(first ?? string.Empty);
        await Eventually.UntilAsync(async () =>
        {
            try
            {
                await client.CoreV1.ReadNamespacedSecretAsync("from-python", ns);
                return true;
            }
            catch (k8s.Autorest.HttpOperationException)
            {
                return false;
            }
        }, "the python client created its Secret", TimeSpan.FromSeconds(20));
        await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "last" } }, ns);
        var rest = await process.StandardOutput.ReadToEndAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        lines.AddRange(rest.Split('\n', StringSplitOptions.RemoveEmptyEntries));

        Assert.True(process.ExitCode == 0, await stderr);
        Assert.Equal(["LIST existing", "EVENT ADDED from-python", "EVENT ADDED last"], lines);
    }

    private static (int ExitCode, string Output) Run(string file, string[] args)
    {
        try
        {
            var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in args)
            {
                psi.ArgumentList.Add(a);
            }

            using var p = Process.Start(psi)!;
            var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
            return p.WaitForExit(TimeSpan.FromSeconds(30)) ? (p.ExitCode, output) : (-1, output);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
