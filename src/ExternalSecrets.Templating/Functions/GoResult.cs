namespace ExternalSecrets.Templating.Functions;

/// <summary>
/// What a template function returns: a value, or Go's non-nil <c>error</c> second return. An error
/// aborts the template with <c>error calling NAME: MESSAGE</c>. Go panics map to thrown exceptions
/// (any exception from a function body is reported the same way; limit breaches propagate as is).
/// </summary>
public readonly struct GoResult
{
    private GoResult(object? value, string? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The result; null is Go's nil.</summary>
    public object? Value { get; }

    /// <summary>The Go error text, or null on success.</summary>
    public string? Error { get; }

    public bool IsError => Error is not null;

    public static GoResult Ok(object? value) => new(value, null);

    public static GoResult Fail(string error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(null, error);
    }
}
