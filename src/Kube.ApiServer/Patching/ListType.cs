namespace Kube.ApiServer.Patching;

/// <summary>
/// The merge semantics of one list field: atomic, set, or map keyed by <see cref="Keys"/>
/// (<c>x-kubernetes-list-map-keys</c>, or the patch merge key of a built-in type).
/// </summary>
public sealed record ListType
{
    private ListType(ListTypeKind kind, IReadOnlyList<string> keys)
    {
        Kind = kind;
        Keys = keys;
    }

    public ListTypeKind Kind { get; }

    /// <summary>Key field names for <see cref="ListTypeKind.Map"/>; empty otherwise.</summary>
    public IReadOnlyList<string> Keys { get; }

    public static ListType Atomic { get; } = new(ListTypeKind.Atomic, []);

    public static ListType Set { get; } = new(ListTypeKind.Set, []);

    public static ListType Map(params string[] keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Length == 0)
        {
            throw new ArgumentException("a map list needs at least one key", nameof(keys));
        }

        return new ListType(ListTypeKind.Map, keys.ToArray());
    }

    public bool Equals(ListType? other) =>
        other is not null && other.Kind == Kind && other.Keys.SequenceEqual(Keys, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(Kind, Keys.Count > 0 ? Keys[0] : string.Empty);

    public override string ToString() => Kind == ListTypeKind.Map ? $"map({string.Join(",", Keys)})" : Kind.ToString().ToLowerInvariant();
}
