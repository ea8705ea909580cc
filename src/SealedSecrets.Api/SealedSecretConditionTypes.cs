namespace SealedSecrets.Api;

/// <summary>Condition types and statuses upstream writes.</summary>
public static class SealedSecretConditionTypes
{
    /// <summary>The only condition type: whether the Secret was produced.</summary>
    public const string Synced = "Synced";

    /// <summary>Condition status true.</summary>
    public const string True = "True";

    /// <summary>Condition status false.</summary>
    public const string False = "False";

    /// <summary>Condition status unknown.</summary>
    public const string Unknown = "Unknown";
}
