namespace ExternalSecrets.Templating;

/// <summary>The template text is not valid Go template syntax (or names an unknown function).</summary>
public sealed class TemplateParseException : TemplateException
{
    public TemplateParseException()
    {
    }

    public TemplateParseException(string message)
        : base(message)
    {
    }

    public TemplateParseException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
