using System.Globalization;
using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Kube.ApiServer.Hosting;
using Microsoft.Extensions.Logging;
using SealedSecrets.Controller.Crd;
using SealedSecrets.Controller.Hosting;
using SealedSecrets.Controller.Options;

namespace Sigil;

/// <summary>
/// <c>sigil up</c>: everything a newcomer needs on one machine. Starts the embedded API server
/// (state under <c>--data-dir</c>, kept across restarts), installs the SealedSecret CRD, runs the
/// Sealed Secrets controller in process and publishes it as <c>kube-system/sealed-secrets-controller</c>
/// so kubeseal finds it through the services proxy, writes the kubeconfig, prints what to type next,
/// and stops cleanly on Ctrl-C.
/// </summary>
internal static class UpCommand
{
    public const string Summary = "run a local cluster with the Sealed Secrets controller (start here)";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var dataDir = ".sigil";
        var port = 6443;
        var keySize = 4096;
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
                case "--key-size" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k >= 2048:
                    keySize = k;
                    i++;
                    break;
                case "-h" or "--help":
                    await stdout.WriteLineAsync("Usage: sigil up [--data-dir DIR] [--port N] [--key-size BITS]\n\n" +
                        "Runs a Kubernetes-compatible API server on https://127.0.0.1:N (default 6443) with the\n" +
                        "Sealed Secrets controller, keeping state in DIR (default .sigil). Ctrl-C stops it.");
                    return 0;
                default:
                    await stderr.WriteLineAsync($"error: unknown or incomplete flag \"{args[i]}\"; run 'sigil up --help'");
                    return 2;
            }
        }

        var root = Path.GetFullPath(dataDir);
        var kubeconfig = Path.Combine(root, "kubeconfig");
        using var stop = new StopSignal(ct);
        using var loggerFactory = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Warning).AddSimpleConsole(o => o.SingleLine = true));

        ApiServerHost server;
        try
        {
            server = await ApiServerHost.StartAsync(new ApiServerOptions { DataDirectory = Path.Combine(root, "apiserver"), KubeconfigPath = kubeconfig, Port = port }, stop.Token);
        }
        catch (IOException e)
        {
            await stderr.WriteLineAsync($"error: cannot start the API server on port {port}: {e.Message} (is another 'sigil up' running? try --port)");
            return 1;
        }

        await using (server)
        {
            var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig);
            using var client = new Kubernetes(config);
            SealedSecretsControllerHost controller;
            try
            {
                await InstallCrdAsync(client, stop.Token);
                var options = new SealedSecretsControllerOptions
                {
                    ControllerNamespace = LocalControllerService.Namespace,
                    KeySize = keySize,
                    ListenAddr = "127.0.0.1:0",
                    ListenMetricsAddr = "0",
                };
                // The controller gets its own client behind the --kubeclient-qps/-burst limiter, as
                // `sigil controller sealed-secrets` does; `client` only installs the CRD and Service.
                controller = await SealedSecretsControllerHost.StartAsync(config, options, loggerFactory, cancellationToken: stop.Token);
                await LocalControllerService.PublishAsync(client, controller.HttpUrl!, stop.Token);
            }
            catch (OperationCanceledException)
            {
                return 0;
            }

            await using (controller)
            {
                await stdout.WriteAsync(Banner(server.BaseAddress, kubeconfig, dataDir));
                await stdout.FlushAsync(CancellationToken.None);
                await stop.WaitAsync();
                await stdout.WriteLineAsync("sigil: stopping (state kept in " + dataDir + ")");
            }
        }
        return 0;
    }

    internal static string Banner(Uri server, string kubeconfig, string dataDir) => $"""
        Sigil is up: Kubernetes API on {server.GetLeftPart(UriPartial.Authority)}, Sealed Secrets controller in kube-system.

        In another terminal:

          export KUBECONFIG={kubeconfig}

        Then seal a Secret and watch the controller turn it back into one:

          kubectl create namespace production
          kubectl create secret generic checkout-secrets --namespace=production \
            --from-literal=PAYMENT_API_KEY=sk_live_xxx --from-literal=STRIPE_WEBHOOK_SECRET=whsec_xxx \
            --dry-run=client -o yaml > secret.yaml
          kubeseal --format=yaml < secret.yaml > sealed-secret.yaml
          kubectl apply -f sealed-secret.yaml
          kubectl get sealedsecret,secret -n production

        Ctrl-C stops it; state is kept in {dataDir}.

        """;

    private static async Task InstallCrdAsync(Kubernetes client, CancellationToken ct)
    {
        var crd = SealedSecretCrd.Build();
        try
        {
            await client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd, cancellationToken: ct);
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // Kept from an earlier run: bring it to this version's schema.
            var live = await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(crd.Metadata.Name, cancellationToken: ct);
            live.Spec = crd.Spec;
            await client.ApiextensionsV1.ReplaceCustomResourceDefinitionAsync(live, crd.Metadata.Name, cancellationToken: ct);
        }
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while (true)
        {
            var live = await client.ApiextensionsV1.ReadCustomResourceDefinitionAsync(crd.Metadata.Name, cancellationToken: timeout.Token);
            if (live.Status?.Conditions?.Any(c => c.Type == "Established" && c.Status == "True") == true)
            {
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(100), timeout.Token);
        }
    }
}
