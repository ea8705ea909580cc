using System.Collections;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Logging;
using SealedSecrets.Controller.Hosting;
using SealedSecrets.Controller.Options;

namespace Sigil;

/// <summary>
/// <c>sigil controller sealed-secrets [flags]</c>: the Sealed Secrets controller alone, against a
/// kubeconfig or the in-cluster config (the production path; deploy/controller.yaml runs this).
/// Flags and <c>SEALED_SECRETS_*</c> variables as upstream's controller. SIGUSR1 makes a new key;
/// SIGINT/SIGTERM stop it cleanly.
/// </summary>
internal static class ControllerCommand
{
    public const string Summary = "run a controller: 'sigil controller sealed-secrets [flags]'";

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        if (args.Length == 0 || args[0] != "sealed-secrets")
        {
            await stderr.WriteLineAsync("error: unknown controller; usage: sigil controller sealed-secrets [flags] (see --help)");
            return 2;
        }
        SealedSecretsControllerOptions? options;
        try
        {
            options = ControllerFlags.Parse(args[1..], Environment(), ClusterConnection.ServiceAccountNamespace());
        }
        catch (ControllerFlagException ex)
        {
            await stderr.WriteLineAsync($"error: {ex.Message}");
            return 2;
        }
        if (options is null)
        {
            await stdout.WriteAsync(ControllerFlags.Usage());
            return 0;
        }

        using var loggerFactory = LoggerFactory.Create(b =>
        {
            b.SetMinimumLevel(options.LogLevel.Equals("ERROR", StringComparison.OrdinalIgnoreCase) ? LogLevel.Error : LogLevel.Information);
            if (options.LogFormat == "json")
            {
                b.AddJsonConsole();
            }
            else
            {
                b.AddSimpleConsole(o => o.SingleLine = true);
            }
        });
        using var stop = new StopSignal(ct);
        SealedSecretsControllerHost controller;
        try
        {
            // The controller builds its own client so --kubeclient-qps/--kubeclient-burst govern every request.
            controller = await SealedSecretsControllerHost.StartAsync(ClusterConnection.Config(options.Kubeconfig, options.Context), options, loggerFactory, cancellationToken: stop.Token);
        }
        catch (Exception ex) when (ex is k8s.Exceptions.KubeConfigException or HttpRequestException or IOException or InvalidOperationException)
        {
            await stderr.WriteLineAsync($"error: cannot start the controller: {ex.Message}");
            return 1;
        }
        await using (controller)
        {
            // Upstream: SIGUSR1 makes a new key at once (signal 10 on Linux).
            using var sigusr1 = OperatingSystem.IsLinux() ? PosixSignalRegistration.Create((PosixSignal)10, c => { c.Cancel = true; controller.RenewKeyNow(); }) : null;
            await stop.WaitAsync();
        }
        return 0;
    }

    private static Dictionary<string, string> Environment()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            result[(string)entry.Key] = (string?)entry.Value ?? string.Empty;
        }
        return result;
    }
}
