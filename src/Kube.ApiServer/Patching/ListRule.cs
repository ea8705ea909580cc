namespace Kube.ApiServer.Patching;

/// <summary>
/// Patch metadata of one list field of a built-in type, as the Go struct tags of k8s.io/api declare
/// it: <c>patchStrategy:"merge"</c> + <c>patchMergeKey</c> for strategic merge patch, and
/// <c>+listType</c>/<c>+listMapKey</c> for server-side apply. The two can differ (container ports
/// merge on <c>containerPort</c> alone but apply keys on <c>containerPort,protocol</c>).
/// </summary>
/// <param name="MergeKey">Strategic merge key of a list of objects, or null.</param>
/// <param name="MergePrimitives">True for a list of scalars merged as a set by strategic merge.</param>
/// <param name="ApplyType">List type server-side apply uses.</param>
internal sealed record ListRule(string? MergeKey, bool MergePrimitives, ListType ApplyType)
{
    public static ListRule Keyed(string mergeKey, params string[] applyKeys) =>
        new(mergeKey, false, ListType.Map(applyKeys.Length == 0 ? [mergeKey] : applyKeys));

    public static ListRule PrimitiveSet { get; } = new(null, true, ListType.Set);

    public static ListRule Atomic { get; } = new(null, false, ListType.Atomic);
}
