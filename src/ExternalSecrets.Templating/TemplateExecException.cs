namespace ExternalSecrets.Templating;

/// <summary>Execution failed (missing key, function error, type error…). Text written before the failure is discarded.</summary>
public class TemplateExecException : TemplateException
{
    public TemplateExecException()
    {
    }

    public TemplateExecException(string message)
        : base(message)
    {
    }

    public TemplateExecException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TemplateExecException(string message, string safeMessage, Exception? innerException)
        : base(message, safeMessage, innerException)
    {
    }
}
