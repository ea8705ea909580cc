using System.Text.Json.Serialization;

namespace SealedSecrets.Api;

/// <summary><c>status</c> of a SealedSecret, written by the controller.</summary>
public sealed class SealedSecretStatus
{
    /// <summary>The <c>metadata.generation</c> last acted on.</summary>
    [JsonPropertyName("observedGeneration")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public long ObservedGeneration { get; set; }

    /// <summary>Conditions; upstream only uses <see cref="SealedSecretConditionTypes.Synced"/>.</summary>
    [JsonPropertyName("conditions")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
#pragma warning disable CA2227 // Wire model.
    public List<SealedSecretCondition>? Conditions { get; set; }
#pragma warning restore CA2227
}
