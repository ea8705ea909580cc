using System.Globalization;
using System.Runtime.InteropServices;

namespace Sigil;

/// <summary>
/// What the long-running commands (<c>up</c>, <c>apiserver</c>, <c>controller</c>) share: a token
/// that SIGINT (Ctrl-C) or SIGTERM (kubectl delete, systemd stop) cancels instead of killing the
/// process, so hosts are disposed and SQLite is closed cleanly; and the <c>--port</c> flag rule.
/// </summary>
internal sealed class StopSignal : IDisposable
{
    private readonly CancellationTokenSource stop;
    private readonly PosixSignalRegistration sigint;
    private readonly PosixSignalRegistration sigterm;

    public StopSignal(CancellationToken ct)
    {
        stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal);
        sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal);
    }

    /// <summary>Cancelled by the caller's token, SIGINT or SIGTERM.</summary>
    public CancellationToken Token => stop.Token;

    /// <summary>Waits until <see cref="Token"/> is cancelled; never throws for that cancellation.</summary>
    public async Task WaitAsync()
    {
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>A TCP port 0-65535 (0 picks a free one), digits only, as <c>--port</c> accepts.</summary>
    public static bool TryParsePort(string text, out int port) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out port) && port is >= 0 and <= 65535;

    public void Dispose()
    {
        sigterm.Dispose();
        sigint.Dispose();
        stop.Dispose();
    }

    private void OnSignal(PosixSignalContext context)
    {
        context.Cancel = true;
        stop.Cancel();
    }
}
