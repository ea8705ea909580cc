namespace ExternalSecrets.Templating;

/// <summary>
/// A template failed to parse or execute. <see cref="Exception.Message"/> follows Go's
/// <c>text/template</c> spelling (<c>template: NAME:LINE: …</c> for parse errors,
/// <c>template: NAME:LINE:COL: executing "NAME" at &lt;NODE&gt;: …</c> for execution errors) so
/// users can match ESO's messages.
/// </summary>
public class TemplateException : Exception
{
    public TemplateException()
    {
    }

    public TemplateException(string message)
        : base(message)
    {
    }

    public TemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
