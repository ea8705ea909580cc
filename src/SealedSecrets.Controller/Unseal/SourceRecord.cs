namespace SealedSecrets.Controller.Unseal;

/// <summary>The value of <see cref="ControllerMessages.SourceHashAnnotation"/>: <c>&lt;digest&gt; &lt;fingerprint&gt;</c>.</summary>
internal static class SourceRecord
{
    public static string Format(string hash, string? fingerprint) =>
        fingerprint is null ? hash : $"{hash} {fingerprint}";

    public static (string Hash, string? Fingerprint) Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var space = value.IndexOf(' ', StringComparison.Ordinal);
        return space < 0 ? (value, null) : (value[..space], value[(space + 1)..]);
    }
}
