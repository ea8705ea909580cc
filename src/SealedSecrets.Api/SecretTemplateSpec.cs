using System.Text.Json.Serialization;
using k8s.Models;

namespace SealedSecrets.Api;

/// <summary><c>spec.template</c> (Go <c>SecretTemplateSpec</c>): what the produced Secret looks like.</summary>
public sealed class SecretTemplateSpec
{
    /// <summary>Labels, annotations and the rest of the produced Secret's metadata.</summary>
    [JsonPropertyName("metadata")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public V1ObjectMeta? Metadata { get; set; }

    /// <summary>Secret type, e.g. <c>Opaque</c>.</summary>
    [JsonPropertyName("type")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Type { get; set; }

    /// <summary>Whether the produced Secret is immutable.</summary>
    [JsonPropertyName("immutable")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public bool? Immutable { get; set; }

    /// <summary>
    /// Key → Go text/template source rendered with the decrypted values. A null value (v0.40)
    /// removes that key from the output.
    /// </summary>
    [JsonPropertyName("data")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
#pragma warning disable CA2227 // Wire model.
    public Dictionary<string, string?>? Data { get; set; }
#pragma warning restore CA2227
}
