namespace ExternalSecrets.Templating.Functions.Sprig;

/// <summary>A pattern Go's <c>regexp/syntax</c> rejects; the message is Go's (<c>error parsing regexp: …</c>).</summary>
public sealed class GoRegexSyntaxException : Exception
{
    public GoRegexSyntaxException()
    {
    }

    public GoRegexSyntaxException(string message)
        : base(message)
    {
    }

    public GoRegexSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
