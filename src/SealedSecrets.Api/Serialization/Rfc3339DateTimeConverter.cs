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
    public override DateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Rfc3339DateTimeOffsetConverter.ReadTime(ref reader).UtcDateTime;

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, DateTime value, JsonSerializerOptions options) =>
        Rfc3339DateTimeOffsetConverter.WriteUtc(writer, value.ToUniversalTime());
}
