using System.Diagnostics;

namespace Kube.ApiServer.Tests.Patching;

/// <summary>Finds and runs the machine's kubectl with a bounded wait (tests skip when it is absent).</summary>
internal static class KubectlRunner
{
    public static string? Find() =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator)
            .Select(p => Path.Combine(p, "kubectl"))
            .FirstOrDefault(File.Exists);

    /// <summary>A kubeconfig for a plain-http loopback server (kubectl then sends no credentials).</summary>
    public static string Kubeconfig(string url, string @namespace) =>
        $"apiVersion: v1\nkind: Config\nclusters: [{{name: l, cluster: {{server: \"{url}\"}}}}]\n" +
        $"users: [{{name: l, user: {{token: t}}}}]\ncontexts: [{{name: l, context: {{cluster: l, user: l, namespace: {@namespace}}}}}]\ncurrent-context: l\n";

    public static async Task<(int Exit, string Output)> RunAsync(string kubectl, string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo(kubectl) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory };
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
