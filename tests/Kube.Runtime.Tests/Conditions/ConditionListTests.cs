using k8s.Models;
using Kube.Runtime.Conditions;

namespace Kube.Runtime.Tests.Conditions;

public sealed class ConditionListTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Setting_a_new_type_adds_it_with_the_current_transition_time()
    {
        var conditions = new List<V1Condition>();
        Assert.True(ConditionList.Set(conditions, "Synced", "True", "Unsealed", "ok", 3, T0));
        var c = Assert.Single(conditions);
        Assert.Equal((T0.UtcDateTime, 3L), (c.LastTransitionTime, c.ObservedGeneration!.Value));
    }

    [Fact]
    public void The_transition_time_moves_only_when_the_status_changes()
    {
        var conditions = new List<V1Condition>();
        ConditionList.Set(conditions, "Synced", "True", "Unsealed", "ok", 1, T0);

        Assert.True(ConditionList.Set(conditions, "Synced", "True", "Unsealed", "ok again", 2, T0.AddHours(1)));
        Assert.Equal(T0.UtcDateTime, conditions[0].LastTransitionTime);
        Assert.Equal(2, conditions[0].ObservedGeneration);

        Assert.True(ConditionList.Set(conditions, "Synced", "False", "ErrUnsealFailed", "no key", 2, T0.AddHours(2)));
        Assert.Equal(T0.AddHours(2).UtcDateTime, conditions[0].LastTransitionTime);
        Assert.Single(conditions);
    }

    [Fact]
    public void Setting_the_same_condition_again_reports_no_change()
    {
        var conditions = new List<V1Condition>();
        ConditionList.Set(conditions, "Synced", "True", "Unsealed", "ok", 1, T0);
        Assert.False(ConditionList.Set(conditions, "Synced", "True", "Unsealed", "ok", 1, T0.AddHours(1)));
        Assert.Equal(T0.UtcDateTime, conditions[0].LastTransitionTime);
    }

    [Fact]
    public void Other_types_are_left_alone_and_can_be_found_and_removed()
    {
        var conditions = new List<V1Condition>();
        ConditionList.Set(conditions, "Ready", "True", "R", "", null, T0);
        ConditionList.Set(conditions, "Synced", "False", "S", "", null, T0);

        Assert.True(ConditionList.IsTrue(conditions, "Ready", ConditionShapes.V1));
        Assert.False(ConditionList.IsTrue(conditions, "Synced", ConditionShapes.V1));
        Assert.True(ConditionList.Remove(conditions, "Ready", ConditionShapes.V1));
        Assert.Null(ConditionList.Find(conditions, "Ready", ConditionShapes.V1));
        Assert.False(ConditionList.Remove(conditions, "Ready", ConditionShapes.V1));
    }

    private sealed class UpstreamStyleCondition
    {
        public string? Type { get; set; }

        public string? Status { get; set; }

        public DateTime? LastUpdateTime { get; set; }

        public DateTime? LastTransitionTime { get; set; }
    }

    [Fact]
    public void A_custom_shape_with_lastUpdateTime_updates_it_on_every_change()
    {
        var shape = new ConditionShape<UpstreamStyleCondition>(
            c => c.Type, c => c.Status, _ => null, _ => null, c => c.LastTransitionTime, (c, t) => c.LastTransitionTime = t,
            SetLastUpdateTime: (c, t) => c.LastUpdateTime = t);
        var conditions = new List<UpstreamStyleCondition>();
        ConditionList.Set(conditions, new UpstreamStyleCondition { Type = "Synced", Status = "True" }, shape, T0);
        ConditionList.Set(conditions, new UpstreamStyleCondition { Type = "Synced", Status = "False" }, shape, T0.AddMinutes(1));

        Assert.Equal(T0.AddMinutes(1).UtcDateTime, conditions[0].LastUpdateTime);
        Assert.Equal(T0.AddMinutes(1).UtcDateTime, conditions[0].LastTransitionTime);
    }
}
