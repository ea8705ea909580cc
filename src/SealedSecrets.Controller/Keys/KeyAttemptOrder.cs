using System.Collections;
using System.Collections.Immutable;
using SealedSecrets.Crypto;

namespace SealedSecrets.Controller.Keys;

/// <summary>
/// The order in which one unseal tries keys: the key that last opened this object first, then the
/// others newest first (perf-security.md §1.3: about one RSA operation per value whatever the number
/// of keys; upstream tries them in random map order). It adapts while a SealedSecret is opened: once
/// a key opens one value it is tried first for the next ones. It counts attempts (each one RSA
/// private operation at most) and remembers which keys were tried, so a failure can name them by
/// fingerprint.
/// </summary>
/// <remarks>
/// <see cref="HybridEncryption.Decrypt(IEnumerable{SealingPrivateKey}, ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>
/// enumerates keys with foreach and returns on the first success, so an enumerator disposed before
/// it ran out means the key it yielded last opened the value.
/// </remarks>
internal sealed class KeyAttemptOrder : IReadOnlyList<SealingPrivateKey>
{
    private readonly ImmutableArray<SealingKey> _keys;
    private readonly HashSet<string> _tried = new(StringComparer.Ordinal);
    private int _preferred;
    private int _attempts;

    public KeyAttemptOrder(ImmutableArray<SealingKey> newestFirst, string? preferredFingerprint)
    {
        _keys = newestFirst;
        _preferred = preferredFingerprint is null ? -1 : newestFirst.IndexOf(newestFirst.FirstOrDefault(k => k.Fingerprint == preferredFingerprint)!);
    }

    /// <summary>Key attempts made so far (upper bound on RSA private operations).</summary>
    public int Attempts => _attempts;

    /// <summary>Fingerprint of the key that opened the last value, if any did.</summary>
    public string? Succeeded { get; private set; }

    /// <summary>Fingerprints tried, in the registry's newest-first order.</summary>
    public IReadOnlyList<string> Tried => [.. _keys.Select(k => k.Fingerprint).Where(_tried.Contains)];

    public int Count => _keys.Length;

    public SealingPrivateKey this[int index] => _keys[Map(index)].PrivateKey;

    public IEnumerator<SealingPrivateKey> GetEnumerator() => new Enumerator(this);

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    private int Map(int index)
    {
        if (_preferred < 0)
        {
            return index;
        }
        if (index == 0)
        {
            return _preferred;
        }
        return index <= _preferred ? index - 1 : index;
    }

    private sealed class Enumerator(KeyAttemptOrder order) : IEnumerator<SealingPrivateKey>
    {
        private int _index = -1;
        private bool _exhausted;

        public SealingPrivateKey Current => order[_index];

        object IEnumerator.Current => Current;

        public bool MoveNext()
        {
            if (_index + 1 >= order.Count)
            {
                _exhausted = true;
                return false;
            }
            _index++;
            order._attempts++;
            order._tried.Add(order._keys[order.Map(_index)].Fingerprint);
            return true;
        }

        public void Reset() => throw new NotSupportedException();

        public void Dispose()
        {
            if (!_exhausted && _index >= 0)
            {
                var winner = order.Map(_index);
                order.Succeeded = order._keys[winner].Fingerprint;
                order._preferred = winner;
            }
        }
    }
}
