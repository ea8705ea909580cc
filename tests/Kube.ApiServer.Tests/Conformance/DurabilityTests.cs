using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using k8s;
using k8s.Models;
using Sigil.Testing;

namespace Kube.ApiServer.Tests.Conformance;

/// <summary>
/// <c>sigil apiserver</c> as a child process, killed with SIGKILL while writers are running and
/// restarted on the same data directory: every acknowledged write must be there, revisions stay
/// monotonic, and a watch from a pre-crash resourceVersion resumes.
/// </summary>
public sealed class DurabilityTests
{
    [Fact]
    public async Task No_acknowledged_write_is_lost_across_kill_9_and_restart()
    {
        var dir = Path.Combine(Path.GetTempPath(), "sigil-durable-" + Guid.NewGuid().ToString("N")[..8]);
        var port = FreePort();
        try
        {
            var acknowledged = new System.Collections.Concurrent.ConcurrentDictionary<string, string>();
            long lastRv;
            using (var server = StartServer(dir, port))
            {
                var client = await ConnectAsync(dir, server);
                using var stop = new CancellationTokenSource();
                var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
                {
                    var c = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Path.Combine(dir, "kubeconfig")));
                    for (var i = 0; !stop.IsCancellationRequested; i++)
                    {
                        var name = $"w{w}-{i}";
                        try
                        {
                            var created = await c.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap
                            {
                                Metadata = new V1ObjectMeta { Name = name },
                                Data = new Dictionary<string, string> { ["v"] = name },
                            }, "default", cancellationToken: CancellationToken.None);
                            acknowledged[name] = created.Metadata.ResourceVersion;
                        }
                        catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException or k8s.Autorest.HttpOperationException)
                        {
                            return;
                        }
                    }
                })).ToList();

                await Eventually.UntilAsync(() => acknowledged.Count >= 200, "200 writes were acknowledged", TimeSpan.FromSeconds(60));
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
                await stop.CancelAsync();
                await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(30));
                lastRv = acknowledged.Values.Max(v => long.Parse(v, CultureInfo.InvariantCulture));
                client.Dispose();
            }

            using var restarted = StartServer(dir, port);
            try
            {
                using var again = await ConnectAsync(dir, restarted);
                var list = await again.CoreV1.ListNamespacedConfigMapAsync("default");
                var present = list.Items.ToDictionary(c => c.Metadata.Name, c => c.Data?["v"]);
                foreach (var name in acknowledged.Keys)
                {
                    Assert.True(present.TryGetValue(name, out var value) && value == name, $"acknowledged ConfigMap {name} was lost");
                }

                var next = await again.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "after-restart" } }, "default");
                Assert.True(long.Parse(next.Metadata.ResourceVersion, CultureInfo.InvariantCulture) > lastRv);

                using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                await foreach (var (type, cm) in again.CoreV1.WatchListNamespacedConfigMapAsync("default", resourceVersion: lastRv.ToString(CultureInfo.InvariantCulture), cancellationToken: cts.Token))
                {
                    Assert.True(long.Parse(cm.Metadata.ResourceVersion, CultureInfo.InvariantCulture) > lastRv);
                    if (cm.Metadata.Name == "after-restart")
                    {
                        Assert.Equal(WatchEventType.Added, type);
                        break;
                    }
                }
            }
            finally
            {
                restarted.Kill(entireProcessTree: true);
                await restarted.WaitForExitAsync();
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Sigterm_stops_the_server_cleanly_with_exit_code_0()
    {
        var dir = Path.Combine(Path.GetTempPath(), "sigil-term-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            using var server = StartServer(dir, FreePort());
            using var client = await ConnectAsync(dir, server);
            var kubeconfig = new FileInfo(Path.Combine(dir, "kubeconfig"));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, kubeconfig.UnixFileMode);
            using (var kill = Process.Start("kill", ["-TERM", server.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }

            await server.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(0, server.ExitCode);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static Process StartServer(string dir, int port)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { SigilDll(), "apiserver", "--data-dir", dir, "--port", port.ToString(CultureInfo.InvariantCulture) })
        {
            psi.ArgumentList.Add(a);
        }

        var p = Process.Start(psi)!;
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, _) => { };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return p;
    }

    private static async Task<Kubernetes> ConnectAsync(string dir, Process server)
    {
        var kubeconfig = Path.Combine(dir, "kubeconfig");
        return await Eventually.ValueAsync(async () =>
        {
            Assert.False(server.HasExited, "sigil apiserver exited early");
            if (!File.Exists(kubeconfig))
            {
                return null;
            }

            var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
            await client.CoreV1.ListNamespaceAsync();
            return client;
        }, "sigil apiserver answers", TimeSpan.FromSeconds(60));
    }

    /// <summary>The sigil.dll built next to this test assembly's configuration (Debug/Release).</summary>
    private static string SigilDll()
    {
        var here = AppContext.BaseDirectory;
        var dir = new DirectoryInfo(here);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Sigil.slnx")))
        {
            dir = dir.Parent;
        }

        var configuration = here.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(dir!.FullName, "src", "Sigil", "bin", configuration, "net10.0", "sigil.dll");
        Assert.True(File.Exists(dll), $"sigil.dll not built at {dll}");
        return dll;
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }
}
