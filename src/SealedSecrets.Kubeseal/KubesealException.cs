namespace SealedSecrets.Kubeseal;

/// <summary>A failure printed as <c>error: message</c> with exit status 1.</summary>
public sealed class KubesealException : Exception
{
    public KubesealException(string message)
        : base(message)
    {
    }

    public KubesealException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
