using System.Collections;

namespace ExternalSecrets.Templating.Values;

/// <summary>
/// A Go slice (<c>[]interface {}</c> by default, or a typed slice such as <c>[]string</c>). A nil
/// slice and an empty slice behave the same in templates, so there is no separate nil form.
/// </summary>
public sealed class GoList : IReadOnlyList<object?>
{
    private readonly List<object?> _items;

    public GoList()
        : this(GoType.SliceOfAny)
    {
    }

    public GoList(GoType type, int capacity = 0)
    {
        ArgumentNullException.ThrowIfNull(type);
        if (type.Kind != GoKind.Slice)
        {
            throw new ArgumentException($"GoList needs a slice type, not {type.Name}", nameof(type));
        }

        Type = type;
        _items = new List<object?>(capacity);
    }

    public GoList(GoType type, IEnumerable<object?> items)
        : this(type)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items.AddRange(items);
    }

    /// <summary>The slice type, e.g. <see cref="GoType.SliceOfAny"/>.</summary>
    public GoType Type { get; }

    public GoType ElemType => Type.Elem!;

    public int Count => _items.Count;

    public object? this[int index]
    {
        get => _items[index];
        set => _items[index] = value;
    }

    public static GoList Of(params object?[] items) => new(GoType.SliceOfAny, items);

    public void Add(object? item) => _items.Add(item);

    public IEnumerator<object?> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
