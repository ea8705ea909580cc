using System.Diagnostics;

namespace ExternalSecrets.Templating.Tests.Functions;

/// <summary>Runs the real openssl CLI (the reference the ESO functions are checked against), with a bounded wait.</summary>
internal static class OpenSsl
{
    public static string Run(string workDir, params string[] args) => Run(workDir, null, args);

    public static string Run(string workDir, byte[]? stdin, params string[] args) => Run(workDir, stdin, includeStderr: false, args);

    /// <summary>Stdout followed by stderr (openssl prints -info details on stderr).</summary>
    public static string RunWithDiagnostics(string workDir, params string[] args) => Run(workDir, null, includeStderr: true, args);

    private static string Run(string workDir, byte[]? stdin, bool includeStderr, string[] args)
    {
        var psi = new ProcessStartInfo("openssl")
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi) ?? throw new InvalidOperationException("openssl did not start");
        if (stdin is not null)
        {
            p.StandardInput.BaseStream.Write(stdin);
            p.StandardInput.Close();
        }

        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromSeconds(120)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException("openssl " + string.Join(' ', args) + " did not finish in 120s");
        }

        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException("openssl " + string.Join(' ', args) + " failed: " + stderr.Result);
        }

        return includeStderr ? stdout.Result + stderr.Result : stdout.Result;
    }
}
