using System.Text.Json;
using System.Text.Json.Serialization;

namespace SealedSecrets.Api.Serialization;

/// <summary>
/// Reads a JSON object of strings, skipping entries whose value is not a string, as upstream's
/// <c>SealedSecretSpec.UnmarshalJSON</c> keeps the good entries instead of failing the object.
/// A missing or null map reads as empty; the map is always written.
/// </summary>
public sealed class LenientStringMapConverter : JsonConverter<Dictionary<string, string>>
{
    /// <inheritdoc/>
    public override Dictionary<string, string> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (reader.TokenType == JsonTokenType.Null)
        {
            return result;
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return result;
        }
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            reader.Read();
            if (reader.TokenType == JsonTokenType.String)
            {
                result[key] = reader.GetString()!;
            }
            else
            {
                reader.Skip();
            }
        }
        return result;
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, Dictionary<string, string> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        if (value is not null)
        {
            foreach (var (key, item) in value)
            {
                writer.WriteString(key, item);
            }
        }
        writer.WriteEndObject();
    }
}
