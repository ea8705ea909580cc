using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace EndToEnd.Tests;

/// <summary>
/// <c>sigil up</c> as a child process on a free loopback port with its own data directory, plus a
/// work directory whose <c>bin/kubeseal</c> is our kubeseal, so the seed's shell lines run verbatim.
/// </summary>
internal sealed class SigilUp : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private Process? _process;

    private SigilUp(string workDirectory)
    {
        WorkDirectory = workDirectory;
        Directory.CreateDirectory(Path.Combine(workDirectory, "bin"));
        var wrapper = Path.Combine(workDirectory, "bin", "kubeseal");
        File.WriteAllText(wrapper, "#!/usr/bin/env bash\n" + Binaries.KubesealCommand + "\n");
        File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
    }

    public string WorkDirectory { get; }

    public string DataDirectory => Path.Combine(WorkDirectory, ".sigil");

    public string Kubeconfig => Path.Combine(DataDirectory, "kubeconfig");

    public int Port { get; private set; }

    public string Output { get { lock (_output) { return _output.ToString(); } } }

    public static async Task<SigilUp> StartAsync()
    {
        var up = new SigilUp(Path.Combine(Path.GetTempPath(), "sigil-e2e-" + Guid.NewGuid().ToString("N")[..10]));
        up.Port = FreePort();
        await up.LaunchAsync();
        return up;
    }

    /// <summary>Starts sigil up (again, on the same port and data directory) and waits for its banner.</summary>
    public async Task LaunchAsync()
    {
        lock (_output)
        {
            _output.Clear();
        }
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = WorkDirectory };
        foreach (var arg in new[] { Binaries.SigilDll, "up", "--data-dir", DataDirectory, "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--key-size", "2048" })
        {
            psi.ArgumentList.Add(arg);
        }
        var process = Process.Start(psi) ?? throw new InvalidOperationException("cannot start sigil");
        process.OutputDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (_output) { _output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        await Sigil.Testing.Eventually.UntilAsync(() => Output.Contains("export KUBECONFIG=", StringComparison.Ordinal) || process.HasExited, "sigil up prints its banner", TimeSpan.FromSeconds(60));
        if (process.HasExited)
        {
            throw new InvalidOperationException("sigil up exited:\n" + Output);
        }
    }

    /// <summary>Sends SIGINT (Ctrl-C) and waits for a clean exit; returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (_process is not { HasExited: false } process)
        {
            return _process?.ExitCode ?? 0;
        }
        using (var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException("sigil up did not stop within 30 s of Ctrl-C:\n" + Output);
        }
        return process.ExitCode;
    }

    /// <summary>Runs a bash script in the work directory with KUBECONFIG set and our kubeseal first on PATH.</summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> ShAsync(string script, TimeSpan? timeout = null)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false, WorkingDirectory = WorkDirectory };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(script);
        psi.Environment["KUBECONFIG"] = Kubeconfig;
        psi.Environment["PATH"] = Path.Combine(WorkDirectory, "bin") + ":" + Environment.GetEnvironmentVariable("PATH");
        psi.Environment["HOME"] = WorkDirectory;
        using var process = Process.Start(psi)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, await stdout, await stderr + "\n(timed out)");
        }
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Like <see cref="ShAsync"/> but fails the test with the output when the script fails.</summary>
    public async Task<string> MustAsync(string script, TimeSpan? timeout = null)
    {
        var (code, stdout, stderr) = await ShAsync(script, timeout);
        Assert.True(code == 0, $"script failed ({code}):\n{script}\n--- stdout\n{stdout}\n--- stderr\n{stderr}\n--- sigil\n{Output}");
        return stdout;
    }

    /// <summary>Waits until a shell condition prints <paramref name="expected"/>.</summary>
    public Task UntilAsync(string script, string expected, string description, TimeSpan? timeout = null) =>
        Sigil.Testing.Eventually.UntilAsync(async () => (await ShAsync(script)).Stdout.Trim() == expected, description, timeout ?? TimeSpan.FromSeconds(45));

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            await StopAsync();
        }
        _process?.Dispose();
        try
        {
            Directory.Delete(WorkDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
