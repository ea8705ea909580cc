using System.Text.Json.Nodes;

namespace Kube.ApiServer.Patching;

/// <summary>
/// A set of field paths, stored as a tree keyed by FieldsV1 path elements (<c>f:name</c>,
/// <c>k:{"name":"x"}</c>, <c>v:"value"</c>, <c>i:0</c>), as structured-merge-diff's fieldpath.Set.
/// A node is a <see cref="Member"/> when its own path is in the set; FieldsV1 writes such a node as
/// <c>{}</c>, or as <c>{".": {}, ...children}</c> when it also has children.
/// </summary>
internal sealed class FieldSet
{
    private readonly SortedDictionary<string, FieldSet> _children = new(ElementOrder.Instance);

    public bool Member { get; private set; }

    public IEnumerable<KeyValuePair<string, FieldSet>> Children => _children;

    public bool IsEmpty => !Member && _children.Count == 0;

    public static FieldSet FromFieldsV1(JsonObject? fields)
    {
        var set = new FieldSet();
        if (fields is not null)
        {
            set.Load(fields);
        }

        return set;
    }

    public JsonObject ToFieldsV1()
    {
        var result = new JsonObject();
        if (Member && _children.Count > 0)
        {
            result["."] = new JsonObject();
        }

        foreach (var (element, child) in _children)
        {
            if (!child.IsEmpty)
            {
                result[element] = child.ToFieldsV1();
            }
        }

        return result;
    }

    public void Insert(IReadOnlyList<string> path)
    {
        var node = this;
        foreach (var element in path)
        {
            node = node.Child(element);
        }

        node.Member = true;
    }

    public bool Contains(IReadOnlyList<string> path) => Find(path)?.Member == true;

    /// <summary>True when the path or anything below it is in the set.</summary>
    public bool ContainsAtOrBelow(IReadOnlyList<string> path) => Find(path) is { IsEmpty: false };

    public FieldSet? Find(IReadOnlyList<string> path)
    {
        var node = this;
        foreach (var element in path)
        {
            if (!node._children.TryGetValue(element, out node!))
            {
                return null;
            }
        }

        return node;
    }

    /// <summary>Every member path, parents before children.</summary>
    public IEnumerable<IReadOnlyList<string>> Paths() => Paths([]);

    public FieldSet Clone()
    {
        var copy = new FieldSet { Member = Member };
        foreach (var (element, child) in _children)
        {
            copy._children[element] = child.Clone();
        }

        return copy;
    }

    public void UnionWith(FieldSet other)
    {
        Member |= other.Member;
        foreach (var (element, child) in other._children)
        {
            Child(element).UnionWith(child);
        }
    }

    /// <summary>Removes the members of <paramref name="other"/> (not their descendants).</summary>
    public void ExceptWith(FieldSet other)
    {
        if (other.Member)
        {
            Member = false;
        }

        foreach (var (element, child) in other._children)
        {
            if (_children.TryGetValue(element, out var mine))
            {
                mine.ExceptWith(child);
                if (mine.IsEmpty)
                {
                    _children.Remove(element);
                }
            }
        }
    }

    /// <summary>Removes the members of <paramref name="other"/> together with everything below them.</summary>
    public void ExceptWithDescendants(FieldSet other)
    {
        foreach (var (element, child) in other._children)
        {
            if (!_children.TryGetValue(element, out var mine))
            {
                continue;
            }

            if (child.Member)
            {
                _children.Remove(element);
                continue;
            }

            mine.ExceptWithDescendants(child);
            if (mine.IsEmpty)
            {
                _children.Remove(element);
            }
        }
    }

    public void Remove(IReadOnlyList<string> path)
    {
        if (path.Count == 0)
        {
            Member = false;
            return;
        }

        if (_children.TryGetValue(path[0], out var child))
        {
            child.Remove(path.Skip(1).ToArray());
            if (child.IsEmpty)
            {
                _children.Remove(path[0]);
            }
        }
    }

    private IEnumerable<IReadOnlyList<string>> Paths(List<string> prefix)
    {
        if (Member)
        {
            yield return prefix.ToArray();
        }

        foreach (var (element, child) in _children)
        {
            prefix.Add(element);
            foreach (var path in child.Paths(prefix))
            {
                yield return path;
            }

            prefix.RemoveAt(prefix.Count - 1);
        }
    }

    private FieldSet Child(string element)
    {
        if (!_children.TryGetValue(element, out var child))
        {
            _children[element] = child = new FieldSet();
        }

        return child;
    }

    private void Load(JsonObject fields)
    {
        foreach (var (element, value) in fields)
        {
            if (element == ".")
            {
                Member = true;
                continue;
            }

            var child = Child(element);
            if (value is JsonObject nested && nested.Count > 0)
            {
                child.Load(nested);
            }
            else
            {
                child.Member = true; // {} marks a leaf member.
            }
        }
    }

    /// <summary>FieldsV1 member order: "." first, then fields, keys, values, indexes, each ordinal.</summary>
    private sealed class ElementOrder : IComparer<string>
    {
        public static readonly ElementOrder Instance = new();

        public int Compare(string? x, string? y)
        {
            var rank = Rank(x).CompareTo(Rank(y));
            return rank != 0 ? rank : string.CompareOrdinal(x, y);
        }

        private static int Rank(string? element) => element is { Length: > 1 } ? element[0] switch
        {
            'f' => 1,
            'k' => 2,
            'v' => 3,
            'i' => 4,
            _ => 5,
        } : 0;
    }
}
