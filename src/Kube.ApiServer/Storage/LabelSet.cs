using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Kube.ApiServer.Storage;

/// <summary>
/// The labels of one stored object, as a read-only dictionary over one small array. A
/// <see cref="Dictionary{TKey,TValue}"/> per object cost ~280 bytes for a single label (object,
/// buckets, entries and two fresh strings); this is ~56, and the strings are shared through
/// <see cref="StringPool"/> (10,000 Secrets labelled <c>app=bench</c> hold one "app" and one "bench").
/// Objects carry a handful of labels, so a linear scan beats hashing.
/// </summary>
internal sealed class LabelSet : IReadOnlyDictionary<string, string>
{
    public static readonly LabelSet Empty = new([]);

    private readonly KeyValuePair<string, string>[] _pairs;

    public LabelSet(KeyValuePair<string, string>[] pairs)
    {
        _pairs = pairs;
    }

    public int Count => _pairs.Length;

    public IEnumerable<string> Keys => _pairs.Select(p => p.Key);

    public IEnumerable<string> Values => _pairs.Select(p => p.Value);

    public string this[string key] => TryGetValue(key, out var v) ? v : throw new KeyNotFoundException($"label \"{key}\" is not set");

    public bool ContainsKey(string key) => TryGetValue(key, out _);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out string value)
    {
        foreach (var p in _pairs)
        {
            if (string.Equals(p.Key, key, StringComparison.Ordinal))
            {
                value = p.Value;
                return true;
            }
        }

        value = null;
        return false;
    }

    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, string>>)_pairs).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
