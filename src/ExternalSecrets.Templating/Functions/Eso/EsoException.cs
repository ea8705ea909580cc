namespace ExternalSecrets.Templating.Functions.Eso;

/// <summary>An error an ESO template function returns as Go's <c>error</c> (the message is what ESO prints).</summary>
public sealed class EsoException : Exception
{
    public EsoException()
    {
    }

    public EsoException(string message)
        : base(message)
    {
    }

    public EsoException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
