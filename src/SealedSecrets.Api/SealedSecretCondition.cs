using System.Text.Json.Serialization;

namespace SealedSecrets.Api;

/// <summary>One status condition (Go <c>SealedSecretCondition</c>).</summary>
public sealed class SealedSecretCondition
{
    /// <summary>Condition type, e.g. <c>Synced</c>.</summary>
    [JsonPropertyName("type")]
    public string Type { get; set; } = SealedSecretConditionTypes.Synced;

    /// <summary><c>True</c>, <c>False</c> or <c>Unknown</c>.</summary>
    [JsonPropertyName("status")]
    public string Status { get; set; } = "Unknown";

    /// <summary>Last time the condition was written.</summary>
    [JsonPropertyName("lastUpdateTime")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? LastUpdateTime { get; set; }

    /// <summary>Last time <see cref="Status"/> changed.</summary>
    [JsonPropertyName("lastTransitionTime")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? LastTransitionTime { get; set; }

    /// <summary>Machine-readable reason (upstream never sets it).</summary>
    [JsonPropertyName("reason")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Reason { get; set; }

    /// <summary>Human-readable message: empty on success, the error text on failure.</summary>
    [JsonPropertyName("message")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Message { get; set; }
}
