namespace Kube.Runtime.Conditions;

/// <summary>
/// How to read and write one condition model. CRD models are plain classes with upstream JSON
/// names (Sealed Secrets' condition has lastUpdateTime, metav1.Condition has observedGeneration),
/// so the helper works through this accessor instead of forcing an interface on the models.
/// Setters the model lacks are left null.
/// </summary>
public sealed record ConditionShape<TCondition>(
    Func<TCondition, string?> Type,
    Func<TCondition, string?> Status,
    Func<TCondition, string?> Reason,
    Func<TCondition, string?> Message,
    Func<TCondition, DateTime?> LastTransitionTime,
    Action<TCondition, DateTime> SetLastTransitionTime,
    Func<TCondition, long?>? ObservedGeneration = null,
    Action<TCondition, DateTime>? SetLastUpdateTime = null)
    where TCondition : class;
