using System.Diagnostics;

namespace SealedSecrets.Kubeseal.Tests;

/// <summary>Runs external commands (the AOT kubeseal, kubectl, bash) with bounded waits.</summary>
internal static class ProcessRunner
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>The Native AOT kubeseal that .ci/steps/10-kubeseal-aot.sh publishes.</summary>
    public static string KubesealBinary
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Sigil.slnx")))
            {
                dir = dir.Parent;
            }
            var path = Path.Combine(dir?.FullName ?? ".", "artifacts", "kubeseal", "kubeseal");
            Assert.True(File.Exists(path), $"the AOT kubeseal is missing at {path}: run `bash .ci/steps/10-kubeseal-aot.sh` first");
            return path;
        }
    }

    public static async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(
        string file, IEnumerable<string> args, string? stdin = null, string? workingDirectory = null, IDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            if (stdin is not null)
            {
                await process.StandardInput.WriteAsync(stdin);
            }

            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The program may exit (e.g. on a usage error) before reading its input: a broken pipe
            // here is the program's choice, not a test failure; its exit code and output still count.
        }

        using var cts = new CancellationTokenSource(Timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish within {Timeout}");
        }
        return (process.ExitCode, await stdout, await stderr);
    }
}
