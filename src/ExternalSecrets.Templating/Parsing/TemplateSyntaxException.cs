namespace ExternalSecrets.Templating.Parsing;

/// <summary>Internal carrier for a parse error (Go panics inside the parser and recovers at the top).</summary>
internal sealed class TemplateSyntaxException : Exception
{
    public TemplateSyntaxException()
    {
    }

    public TemplateSyntaxException(string message)
        : base(message)
    {
    }

    public TemplateSyntaxException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
