using System.Collections;

namespace ExternalSecrets.Templating.Values;

/// <summary>
/// A Go map with string keys (<c>map[string]interface {}</c> by default, <c>map[string]string</c>
/// for ESO's data). Templates see keys in bytewise sorted order when ranging or printing
/// (Go's <c>fmt</c> and <c>text/template</c> sort map keys).
/// </summary>
public sealed class GoMap : IEnumerable<KeyValuePair<GoString, object?>>
{
    private readonly Dictionary<GoString, object?> _entries;

    public GoMap()
        : this(GoType.MapOfStringToAny)
    {
    }

    public GoMap(GoType type, int capacity = 0)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.Kind != GoKind.Map || type.Key != GoType.String)
        {
            throw new ArgumentException($"GoMap needs a map type with string keys, not {type.Name}", nameof(type));
        }

        Type = type;
        _entries = new Dictionary<GoString, object?>(capacity);
    }

    /// <summary>The map type, e.g. <see cref="GoType.MapOfStringToAny"/>.</summary>
    public GoType Type { get; }

    public GoType ElemType => Type.Elem!;

    public int Count => _entries.Count;

    public IEnumerable<GoString> Keys => _entries.Keys;

    public object? this[GoString key]
    {
        get => _entries[key];
        set => _entries[key] = value;
    }

    public bool TryGetValue(GoString key, out object? value) => _entries.TryGetValue(key, out value);

    public bool ContainsKey(GoString key) => _entries.ContainsKey(key);

    public bool Remove(GoString key) => _entries.Remove(key);

    public void Add(GoString key, object? value) => _entries[key] = value;

    /// <summary>Keys in Go's order for strings: bytewise ascending.</summary>
    public GoString[] SortedKeys()
    {
        var keys = new GoString[_entries.Count];
        _entries.Keys.CopyTo(keys, 0);
        Array.Sort(keys, GoString.Compare);
        return keys;
    }

    /// <summary>A shallow copy with the same type.</summary>
    public GoMap Clone()
    {
        var copy = new GoMap(Type, _entries.Count);
        foreach (var (k, v) in _entries)
        {
            copy._entries[k] = v;
        }

        return copy;
    }

    public IEnumerator<KeyValuePair<GoString, object?>> GetEnumerator() => _entries.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
