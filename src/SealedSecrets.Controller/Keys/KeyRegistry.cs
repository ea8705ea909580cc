using System.Collections.Immutable;

namespace SealedSecrets.Controller.Keys;

/// <summary>
/// The keys the controller holds, by fingerprint (upstream's <c>KeyRegistry</c>, reference §3.4).
/// Readers get an immutable newest-first snapshot, so workers never lock; the newest key seals and
/// is served on <c>/v1/cert.pem</c>. Keys are never removed while running, as upstream.
/// </summary>
internal sealed class KeyRegistry
{
    private readonly Lock _gate = new();
    private volatile SealingKey[] _newestFirst = [];

    /// <summary>Raised after a key was added (e.g. a restored backup picked up by --watch-for-secrets).</summary>
    public event EventHandler? KeysChanged;

    /// <summary>All keys, newest first (ties broken by the generation annotation, then fingerprint, so every replica agrees).</summary>
    public ImmutableArray<SealingKey> NewestFirst => ImmutableArray.Create(_newestFirst);

    /// <summary>The key that seals, or null when there is none yet.</summary>
    public SealingKey? Latest => NewestFirst is { Length: > 0 } keys ? keys[0] : null;

    public int Count => NewestFirst.Length;

    public SealingKey? Find(string fingerprint)
    {
        foreach (var key in NewestFirst)
        {
            if (key.Fingerprint == fingerprint)
            {
                return key;
            }
        }
        return null;
    }

    /// <summary>The key loaded from the Secret named <paramref name="secretName"/>, if any.</summary>
    public SealingKey? FindBySecretName(string? secretName)
    {
        foreach (var key in NewestFirst)
        {
            if (key.SecretName == secretName)
            {
                return key;
            }
        }
        return null;
    }

    /// <summary>Adds <paramref name="key"/> unless a key with its fingerprint is known; true when added.</summary>
    public bool Register(SealingKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        lock (_gate)
        {
            if (_newestFirst.Any(k => k.Fingerprint == key.Fingerprint))
            {
                return false;
            }
            _newestFirst = [.. _newestFirst.Append(key)
                .OrderByDescending(k => k.OrderTime)
                .ThenByDescending(k => k.GeneratedAt ?? DateTimeOffset.MinValue)
                .ThenBy(k => k.Fingerprint, StringComparer.Ordinal)];
        }
        KeysChanged?.Invoke(this, EventArgs.Empty);
        return true;
    }
}
