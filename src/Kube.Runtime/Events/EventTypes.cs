namespace Kube.Runtime.Events;

/// <summary>core/v1 Event <c>type</c> values.</summary>
public static class EventTypes
{
    public const string Normal = "Normal";

    public const string Warning = "Warning";
}
