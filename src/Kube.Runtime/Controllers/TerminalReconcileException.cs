namespace Kube.Runtime.Controllers;

/// <summary>
/// A failure that retrying cannot fix (controller-runtime's TerminalError): it is logged and
/// counted, but the key is not re-queued until its objects change again.
/// </summary>
public sealed class TerminalReconcileException : Exception
{
    public TerminalReconcileException()
    {
    }

    public TerminalReconcileException(string message)
        : base(message)
    {
    }

    public TerminalReconcileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
