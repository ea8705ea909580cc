using SealedSecrets.Api;

namespace SealedSecrets.Controller.Unseal;

/// <summary>
/// Upstream's status rule (<c>updateSealedSecretsStatusConditions</c>, reference §3.6): one
/// <c>Synced</c> condition, True with an empty message on success, False with the error text on
/// failure; <c>lastUpdateTime</c> = now; <c>lastTransitionTime</c> moves only when the status flips;
/// <c>reason</c> is never set. The status is written only when the condition status flips or
/// <c>observedGeneration</c> differs from <c>metadata.generation</c>, so a new error text under an
/// unchanged False is not written (and status writes do not feed back into reconciles).
/// </summary>
internal static class SyncedStatus
{
    public const string True = "True";
    public const string False = "False";

    /// <summary>The status to write, or null when upstream would not write one.</summary>
    public static SealedSecretStatus? Next(SealedSecret sealedSecret, bool synced, string message, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(sealedSecret);
        var generation = sealedSecret.Metadata?.Generation ?? 0;
        var current = sealedSecret.Status;
        var existing = current?.Conditions?.FirstOrDefault(c => c.Type == SealedSecretConditionTypes.Synced);
        var status = synced ? True : False;
        var flipped = existing is null || existing.Status != status;
        if (!flipped && current!.ObservedGeneration == generation)
        {
            return null;
        }

        var conditions = current?.Conditions?.Where(c => c.Type != SealedSecretConditionTypes.Synced).Select(Copy).ToList() ?? [];
        // Synced goes first: the printer columns read conditions[0].
        conditions.Insert(0, new SealedSecretCondition
        {
            Type = SealedSecretConditionTypes.Synced,
            Status = status,
            LastUpdateTime = now,
            LastTransitionTime = flipped ? now : existing!.LastTransitionTime ?? now,
            Message = synced ? string.Empty : message,
        });
        return new SealedSecretStatus { ObservedGeneration = generation, Conditions = conditions };
    }

    /// <summary>Whether the object already says Synced=True for its current generation.</summary>
    public static bool IsSynced(SealedSecret sealedSecret)
    {
        ArgumentNullException.ThrowIfNull(sealedSecret);
        var status = sealedSecret.Status;
        return status is not null
            && status.ObservedGeneration == (sealedSecret.Metadata?.Generation ?? 0)
            && status.Conditions?.FirstOrDefault(c => c.Type == SealedSecretConditionTypes.Synced)?.Status == True;
    }

    private static SealedSecretCondition Copy(SealedSecretCondition c) => new()
    {
        Type = c.Type,
        Status = c.Status,
        LastUpdateTime = c.LastUpdateTime,
        LastTransitionTime = c.LastTransitionTime,
        Reason = c.Reason,
        Message = c.Message,
    };
}
