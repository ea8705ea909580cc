using Kube.ApiServer.Hosting;

namespace Sigil;

/// <summary>
/// <c>sigil apiserver --data-dir DIR --port N</c>: runs the embedded Kubernetes-compatible API server
/// (loopback HTTPS, SQLite in DIR) until SIGINT/SIGTERM, and writes <c>DIR/kubeconfig</c>.
/// </summary>
internal static class ApiServerCommand
{
    public const string Summary = "run the embedded Kubernetes-compatible API server (local dev/test, loopback only)";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var dataDir = Path.Combine(".sigil", "apiserver");
        var port = 6443;
        var inMemory = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--data-dir" when i + 1 < args.Length:
                    dataDir = args[++i];
                    break;
                case "--port" when i + 1 < args.Length && StopSignal.TryParsePort(args[i + 1], out var p):
                    port = p;
                    i++;
                    break;
                case "--in-memory":
                    inMemory = true;
                    break;
                case "-h" or "--help":
                    await stdout.WriteLineAsync("Usage: sigil apiserver [--data-dir DIR] [--port N] [--in-memory]\n\n" +
                        "Serves a Kubernetes-compatible API on https://127.0.0.1:N for local development and tests.\n" +
                        "Writes DIR/kubeconfig (mode 0600); use KUBECONFIG=DIR/kubeconfig kubectl ...");
                    return 0;
                default:
                    await stderr.WriteLineAsync($"error: unknown or incomplete flag \"{args[i]}\"; run 'sigil apiserver --help'");
                    return 2;
            }
        }

        using var stop = new StopSignal(ct);
        ApiServerHost host;
        try
        {
            host = await ApiServerHost.StartAsync(new ApiServerOptions { DataDirectory = Path.GetFullPath(dataDir), Port = port, InMemory = inMemory }, stop.Token);
        }
        catch (IOException e)
        {
            await stderr.WriteLineAsync($"error: cannot start the API server on port {port}: {e.Message}");
            return 1;
        }

        await using (host)
        {
            await stdout.WriteLineAsync($"apiserver listening on {host.BaseAddress.GetLeftPart(UriPartial.Authority)}");
            await stdout.WriteLineAsync($"kubeconfig: {host.KubeconfigPath}");
            await stdout.FlushAsync(CancellationToken.None);
            await stop.WaitAsync();
            await stdout.WriteLineAsync("apiserver stopping");
        }

        return 0;
    }
}
