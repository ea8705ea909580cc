using System.Text.Json.Serialization;
using SealedSecrets.Api.Serialization;

namespace SealedSecrets.Api;

/// <summary><c>spec</c> of a SealedSecret (Go <c>SealedSecretSpec</c>).</summary>
public sealed class SealedSecretSpec
{
    /// <summary>Metadata, type and templated data of the Secret to produce.</summary>
    [JsonPropertyName("template")]
    public SecretTemplateSpec Template { get; set; } = new();

    /// <summary>
    /// Legacy v1 format: one sealed blob holding a whole JSON Secret (base64 in JSON). Only a
    /// null value selects the <see cref="EncryptedData"/> path; an empty string does not.
    /// </summary>
    [JsonPropertyName("data")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
#pragma warning disable CA1819 // Mirrors Go's []byte field; the model is a wire type.
    public byte[]? Data { get; set; }
#pragma warning restore CA1819

    /// <summary>
    /// Key → base64 sealed value. Always written (required by the schema). Like upstream's
    /// lenient <c>UnmarshalJSON</c>, non-string entries are dropped on read instead of failing the object.
    /// </summary>
    [JsonPropertyName("encryptedData")]
    [JsonConverter(typeof(LenientStringMapConverter))]
#pragma warning disable CA2227 // Wire model: replaced wholesale by deserialization and by --merge-into.
    public Dictionary<string, string> EncryptedData { get; set; } = new(StringComparer.Ordinal);
#pragma warning restore CA2227
}
