namespace ExternalSecrets.Templating;

/// <summary>
/// A template failed to parse or execute. <see cref="Exception.Message"/> follows Go's
/// <c>text/template</c> spelling (<c>template: NAME:LINE: …</c> for parse errors,
/// <c>template: NAME:LINE:COL: executing "NAME" at &lt;NODE&gt;: …</c> for execution errors) so
/// users can match ESO's messages.
/// </summary>
public class TemplateException : Exception
{
    private readonly string? _safeMessage;

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

    /// <param name="message">Go's error text (may quote data values, as Go's does).</param>
    /// <param name="safeMessage">The same error with data values left out.</param>
    /// <param name="innerException">The cause, if any.</param>
    public TemplateException(string message, string safeMessage, Exception? innerException)
        : base(message, innerException)
    {
        _safeMessage = safeMessage;
    }

    /// <summary>
    /// The error without any data value, for conditions, events and logs (secret values must never
    /// appear there). Go's text quotes values in a few messages (<c>range can't iterate over VALUE</c>,
    /// <c>non-comparable type VALUE</c>) and function errors can echo their input; those parts are
    /// left out here. Template text and key names are kept: they are not secret.
    /// </summary>
    public string SafeMessage => _safeMessage ?? Message;
}
