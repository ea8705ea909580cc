using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SealedSecrets.Api.Serialization;

/// <summary>Kubernetes <c>Time</c> for <see cref="DateTimeOffset"/>; see <see cref="Rfc3339DateTimeConverter"/>.</summary>
public sealed class Rfc3339DateTimeOffsetConverter : JsonConverter<DateTimeOffset>
{
    /// <inheritdoc/>
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => ReadTime(ref reader);

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) => WriteUtc(writer, value.UtcDateTime);

    // Shared with Rfc3339DateTimeConverter so both CLR time types read and write Kubernetes Time alike.
    internal static DateTimeOffset ReadTime(ref Utf8JsonReader reader)
    {
        // A JsonException (not FormatException) lets the serializer report the path; the text
        // itself is not echoed.
        if (reader.TokenType != JsonTokenType.String
            || !DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var value))
        {
            throw new JsonException("expected an RFC 3339 time");
        }
        return value;
    }

    internal static void WriteUtc(Utf8JsonWriter writer, DateTime utc)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
    }
}
