using System.Text.Json.Nodes;

namespace Kube.ApiServer.Patching;

/// <summary>
/// RFC 7386 JSON Merge Patch (<c>application/merge-patch+json</c>): objects merge recursively,
/// <c>null</c> removes a member, every other value (arrays included) replaces. The target is not
/// modified.
/// </summary>
public static class MergePatch
{
    public static JsonNode Apply(JsonNode target, JsonNode patch)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(patch);
        return Merge(target.DeepClone(), patch) ?? throw PatchException.Invalid("merge patch: the patched document is null");
    }

    /// <summary>RFC 7386 §2 MergePatch(Target, Patch), mutating <paramref name="target"/> (already a copy).</summary>
    internal static JsonNode? Merge(JsonNode? target, JsonNode? patch)
    {
        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        var result = target as JsonObject ?? [];
        foreach (var (name, value) in patchObject)
        {
            if (JsonValues.IsNull(value))
            {
                result.Remove(name);
                continue;
            }

            result.TryGetPropertyValue(name, out var existing);
            var merged = Merge(existing, value);
            if (!ReferenceEquals(merged, existing))
            {
                // The indexer replaces in place, so members keep their order.
                result[name] = merged;
            }
        }

        return result;
    }
}
