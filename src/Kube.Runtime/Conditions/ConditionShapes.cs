using k8s.Models;

namespace Kube.Runtime.Conditions;

/// <summary>Shapes for the client's own condition types.</summary>
public static class ConditionShapes
{
    /// <summary>metav1.Condition (<see cref="V1Condition"/>).</summary>
    public static ConditionShape<V1Condition> V1 { get; } = new(
        c => c.Type,
        c => c.Status,
        c => c.Reason,
        c => c.Message,
        c => c.LastTransitionTime,
        (c, t) => c.LastTransitionTime = t,
        c => c.ObservedGeneration);
}
