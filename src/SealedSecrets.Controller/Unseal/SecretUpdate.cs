using k8s.Models;

namespace SealedSecrets.Controller.Unseal;

/// <summary>
/// What to write for an existing Secret the controller may write (reference §3.6 step 5): with
/// <c>patch</c>, data, labels and annotations are merged (the unsealed side wins) and ownerReferences
/// replaced only when <c>managed</c> is also set; otherwise data, labels, annotations and
/// ownerReferences are replaced. Either way <c>type</c> follows the template, while <c>immutable</c>
/// and finalizers are only set at creation. The result is null when the live Secret already matches.
/// </summary>
internal static class SecretUpdate
{
    public static V1Secret? Compute(V1Secret live, V1Secret unsealed, string sourceHash)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(unsealed);
        var liveMeta = live.Metadata ?? new V1ObjectMeta();
        var patch = SecretOwnership.IsPatch(liveMeta);
        var managed = SecretOwnership.IsManaged(liveMeta);
        var newMeta = unsealed.Metadata ?? new V1ObjectMeta();

        var data = patch ? Merge(live.Data, unsealed.Data) : Copy(unsealed.Data);
        var labels = patch ? Merge(liveMeta.Labels, newMeta.Labels) : Copy(newMeta.Labels);
        var annotations = patch ? Merge(liveMeta.Annotations, newMeta.Annotations) : Copy(newMeta.Annotations);
        annotations ??= new Dictionary<string, string>(StringComparer.Ordinal);
        annotations[ControllerMessages.SourceHashAnnotation] = sourceHash;
        var owners = patch && !managed ? liveMeta.OwnerReferences : newMeta.OwnerReferences;

        var desired = new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Metadata = liveMeta with
            {
                Labels = labels is { Count: > 0 } ? labels : null,
                Annotations = annotations,
                OwnerReferences = owners is { Count: > 0 } ? owners : null,
                ManagedFields = null,
            },
            Type = unsealed.Type ?? live.Type,
            Immutable = live.Immutable,
            Data = data,
        };
        return SameContent(live, desired) ? null : desired;
    }

    /// <summary>The Secret to create: the unsealed one plus the source digest.</summary>
    public static V1Secret ForCreate(V1Secret unsealed, string sourceHash)
    {
        ArgumentNullException.ThrowIfNull(unsealed);
        var meta = unsealed.Metadata ?? new V1ObjectMeta();
        var annotations = Copy(meta.Annotations) ?? new Dictionary<string, string>(StringComparer.Ordinal);
        annotations[ControllerMessages.SourceHashAnnotation] = sourceHash;
        return new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Metadata = meta with { Annotations = annotations, ResourceVersion = null, Uid = null },
            Type = unsealed.Type,
            Immutable = unsealed.Immutable,
            Data = unsealed.Data,
        };
    }

    private static bool SameContent(V1Secret a, V1Secret b) =>
        a.Type == b.Type
        && SameMap(a.Metadata?.Labels, b.Metadata?.Labels, string.Equals)
        && SameMap(a.Metadata?.Annotations, b.Metadata?.Annotations, string.Equals)
        && SameMap(a.Data, b.Data, (x, y) => (x ?? []).AsSpan().SequenceEqual(y ?? []))
        && SameOwners(a.Metadata?.OwnerReferences, b.Metadata?.OwnerReferences);

    private static bool SameOwners(IList<V1OwnerReference>? a, IList<V1OwnerReference>? b)
    {
        a ??= [];
        b ??= [];
        return a.Count == b.Count && a.Zip(b).All(p =>
            p.First.ApiVersion == p.Second.ApiVersion && p.First.Kind == p.Second.Kind && p.First.Name == p.Second.Name
            && p.First.Uid == p.Second.Uid && p.First.Controller == p.Second.Controller && p.First.BlockOwnerDeletion == p.Second.BlockOwnerDeletion);
    }

    private static bool SameMap<TValue>(IDictionary<string, TValue>? a, IDictionary<string, TValue>? b, Func<TValue, TValue, bool> equal)
    {
        var countA = a?.Count ?? 0;
        var countB = b?.Count ?? 0;
        if (countA != countB)
        {
            return false;
        }
        if (countA == 0)
        {
            return true;
        }
        foreach (var (key, value) in a!)
        {
            if (!b!.TryGetValue(key, out var other) || !equal(value, other))
            {
                return false;
            }
        }
        return true;
    }

    private static Dictionary<string, TValue>? Merge<TValue>(IDictionary<string, TValue>? existing, IDictionary<string, TValue>? incoming)
    {
        if (existing is null && incoming is null)
        {
            return null;
        }
        var result = existing is null ? new Dictionary<string, TValue>(StringComparer.Ordinal) : new Dictionary<string, TValue>(existing, StringComparer.Ordinal);
        foreach (var (key, value) in incoming ?? new Dictionary<string, TValue>())
        {
            result[key] = value;
        }
        return result;
    }

    private static Dictionary<string, TValue>? Copy<TValue>(IDictionary<string, TValue>? map) =>
        map is null ? null : new Dictionary<string, TValue>(map, StringComparer.Ordinal);
}
