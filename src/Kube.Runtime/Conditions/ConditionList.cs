using k8s.Models;

namespace Kube.Runtime.Conditions;

/// <summary>
/// Sets conditions the Kubernetes way (apimachinery's meta.SetStatusCondition): one entry per
/// type; <c>lastTransitionTime</c> moves only when <c>status</c> changes; reason, message and
/// observedGeneration are replaced. The result says whether anything changed, so a status write
/// can be skipped when nothing did (STYLE.md §3).
/// </summary>
public static class ConditionList
{
    public static bool Set<TCondition>(IList<TCondition> conditions, TCondition desired, ConditionShape<TCondition> shape, DateTimeOffset now)
        where TCondition : class
    {
        ArgumentNullException.ThrowIfNull(conditions);
        ArgumentNullException.ThrowIfNull(desired);
        ArgumentNullException.ThrowIfNull(shape);
        var type = shape.Type(desired) ?? throw new ArgumentException("Condition type must be set.", nameof(desired));
        var index = IndexOf(conditions, type, shape);
        if (index < 0)
        {
            shape.SetLastTransitionTime(desired, now.UtcDateTime);
            shape.SetLastUpdateTime?.Invoke(desired, now.UtcDateTime);
            conditions.Add(desired);
            return true;
        }

        var existing = conditions[index];
        var statusChanged = shape.Status(existing) != shape.Status(desired);
        var changed = statusChanged
            || shape.Reason(existing) != shape.Reason(desired)
            || shape.Message(existing) != shape.Message(desired)
            || shape.ObservedGeneration?.Invoke(existing) != shape.ObservedGeneration?.Invoke(desired);
        if (!changed)
        {
            return false;
        }

        shape.SetLastTransitionTime(desired, statusChanged ? now.UtcDateTime : shape.LastTransitionTime(existing) ?? now.UtcDateTime);
        shape.SetLastUpdateTime?.Invoke(desired, now.UtcDateTime);
        conditions[index] = desired;
        return true;
    }

    /// <summary>metav1.Condition convenience: set type/status/reason/message/observedGeneration.</summary>
    public static bool Set(IList<V1Condition> conditions, string type, string status, string reason, string message, long? observedGeneration, DateTimeOffset now)
        => Set(conditions, new V1Condition { Type = type, Status = status, Reason = reason, Message = message, ObservedGeneration = observedGeneration }, ConditionShapes.V1, now);

    public static TCondition? Find<TCondition>(IEnumerable<TCondition>? conditions, string type, ConditionShape<TCondition> shape)
        where TCondition : class
        => conditions?.FirstOrDefault(c => shape.Type(c) == type);

    public static bool IsTrue<TCondition>(IEnumerable<TCondition>? conditions, string type, ConditionShape<TCondition> shape)
        where TCondition : class
        => Find(conditions, type, shape) is { } c && shape.Status(c) == "True";

    public static bool Remove<TCondition>(IList<TCondition> conditions, string type, ConditionShape<TCondition> shape)
        where TCondition : class
    {
        ArgumentNullException.ThrowIfNull(conditions);
        var index = IndexOf(conditions, type, shape);
        if (index < 0)
        {
            return false;
        }

        conditions.RemoveAt(index);
        return true;
    }

    private static int IndexOf<TCondition>(IList<TCondition> conditions, string type, ConditionShape<TCondition> shape)
        where TCondition : class
    {
        for (var i = 0; i < conditions.Count; i++)
        {
            if (shape.Type(conditions[i]) == type)
            {
                return i;
            }
        }

        return -1;
    }
}
