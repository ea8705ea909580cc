using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SealedSecrets.Api.Serialization;

/// <summary>
/// Kubernetes <c>Time</c>: written as RFC 3339 in UTC with whole seconds
/// (<c>2006-01-02T15:04:05Z</c>); read from any RFC 3339 form, including MicroTime's fractions.
/// </summary>
public sealed class Rfc3339DateTimeConverter : JsonConverter<DateTime>
{
    /// <inheritdoc/>
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // A JsonException (not FormatException) lets the serializer report the path; the text
        // itself is not echoed.
        if (reader.TokenType != JsonTokenType.String
            || !DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value))
        {
            throw new JsonException("expected an RFC 3339 time");
        }
        return value.UtcDateTime;
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
    }
}
