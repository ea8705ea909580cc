namespace ExternalSecrets.Templating;

/// <summary>Execution stopped because a <see cref="TemplateLimits"/> bound was reached.</summary>
public sealed class TemplateLimitException : TemplateExecException
{
    public TemplateLimitException()
    {
    }

    public TemplateLimitException(string message)
        : base(message)
    {
    }

    public TemplateLimitException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
