namespace SealedSecrets.Crypto;

/// <summary>
/// The text form of a sealed value: standard base64 with <c>=</c> padding (Go
/// <c>base64.StdEncoding</c>). Go's decoder skips CR and LF and rejects every other whitespace and
/// the URL-safe alphabet; .NET's skips all whitespace, so other whitespace is refused here first.
/// </summary>
public static class SealedValueEncoding
{
    /// <summary>Encodes <paramref name="bytes"/> as standard padded base64.</summary>
    public static string ToBase64(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes);

    /// <summary>Decodes like Go's <c>StdEncoding.DecodeString</c>; false when the text is not valid.</summary>
    public static bool TryFromBase64(string? text, out byte[] bytes)
    {
        bytes = [];
        if (text is null)
        {
            return false;
        }
        foreach (var c in text)
        {
            if (c is ' ' or '\t' or '\f' or '\v')
            {
                return false;
            }
        }
        var cleaned = text.Contains('\r', StringComparison.Ordinal) || text.Contains('\n', StringComparison.Ordinal)
            ? text.Replace("\r", string.Empty, StringComparison.Ordinal).Replace("\n", string.Empty, StringComparison.Ordinal)
            : text;
        // The decoded size is bounded by the text we were given, never by a length it claims.
        var buffer = new byte[cleaned.Length / 4 * 3 + 3];
        if (cleaned.Length % 4 != 0 || !Convert.TryFromBase64String(cleaned, buffer, out var written))
        {
            return false;
        }
        bytes = buffer.AsSpan(0, written).ToArray();
        return true;
    }

    /// <summary>Decodes like <see cref="TryFromBase64"/>, throwing <see cref="SealedValueError.InvalidBase64"/>.</summary>
    public static byte[] FromBase64(string? text) =>
        TryFromBase64(text, out var bytes) ? bytes : throw new SealedValueException(SealedValueError.InvalidBase64);
}
