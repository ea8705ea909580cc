using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using SealedSecrets.Controller.Options;
using SealedSecrets.Crypto;

namespace SealedSecrets.Controller.Keys;

/// <summary>
/// Loads the key Secrets into the registry and makes new keys (reference §3.2–§3.4): at start, all
/// Secrets labelled active plus the legacy Secret named exactly as the prefix; a new key when there is
/// none or the latest is older than <c>--key-cutoff-time</c>; later, one per renew period.
/// </summary>
internal sealed partial class KeyRenewal(
    IKeySecretStore store,
    KeyRegistry registry,
    SealedSecretsControllerOptions options,
    TimeProvider time,
    ILogger<KeyRenewal> logger) : IDisposable
{
    // Serialises key generation (renewal timer vs. SIGUSR1).
    private readonly SemaphoreSlim _generating = new(1, 1);

    public KeyRegistry Registry => registry;

    public void Dispose() => _generating.Dispose();

    /// <summary>Loads existing keys, then makes the first one (or a post-cutoff one) if needed.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken).ConfigureAwait(false);
        var latest = registry.Latest;
        if (latest is null)
        {
            await GenerateAsync("no key found", cancellationToken).ConfigureAwait(false);
        }
        else if (options.KeyCutoffTime is { } cutoff && latest.OrderTime < cutoff)
        {
            await GenerateAsync($"latest key is older than --key-cutoff-time {cutoff:R}", cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Registers every usable key Secret; unusable ones are logged and skipped.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        var secrets = (await store.ListAsync(options.ControllerNamespace, KeySecrets.ActiveSelector, cancellationToken).ConfigureAwait(false)).ToList();
        if (secrets.All(s => s.Metadata?.Name != options.KeyPrefix)
            && await store.GetAsync(options.ControllerNamespace, options.KeyPrefix, cancellationToken).ConfigureAwait(false) is { } legacy)
        {
            secrets.Add(legacy);
        }
        foreach (var secret in secrets.OrderBy(s => s.Metadata?.CreationTimestamp))
        {
            TryRegister(secret);
        }
    }

    /// <summary>Reads and registers one key Secret; false (and a log line) when it is not usable.</summary>
    public bool TryRegister(k8s.Models.V1Secret secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        try
        {
            var key = KeySecrets.Read(secret, options.KeyOrderPriority);
            if (registry.Register(key))
            {
                Log.KeyLoaded(logger, secret.Metadata?.Name ?? string.Empty, key.Fingerprint);
                return true;
            }
        }
        catch (KeyFormatException ex)
        {
            Log.KeyUnusable(logger, secret.Metadata?.Name ?? string.Empty, ex.Message);
        }
        return false;
    }

    /// <summary>Makes a key pair, stores it as a Secret and registers it as the newest key.</summary>
    public async Task<SealingKey> GenerateAsync(string reason, CancellationToken cancellationToken)
    {
        await _generating.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = time.GetUtcNow();
            using var pair = SealingKeyFactory.Generate(options.KeySize, options.KeyTtl, options.MyCn.Length == 0 ? null : options.MyCn, now, RandomNumberGenerator.Create());
            // Registered exactly as read back from the stored Secret, so that this replica orders it
            // among the others the way every follower that loads the same Secret does.
            var generatedAt = registry.Latest?.GeneratedAt is { } previous && previous >= now ? previous.AddTicks(1) : now;
            var created = await store.CreateAsync(KeySecrets.ToSecret(pair, options, generatedAt), cancellationToken).ConfigureAwait(false);
            var key = KeySecrets.Read(created, options.KeyOrderPriority);
            registry.Register(key);
            Log.KeyGenerated(logger, key.SecretName, key.Fingerprint, reason);
            Log.CertificatePem(logger, key.CertificatePem);
            return key;
        }
        finally
        {
            _generating.Release();
        }
    }

    /// <summary>How long until the next renewal is due, given the latest key's age.</summary>
    public TimeSpan NextRenewalDelay()
    {
        var latest = registry.Latest;
        if (latest is null)
        {
            return TimeSpan.Zero;
        }
        var due = latest.OrderTime + options.KeyRenewPeriod - time.GetUtcNow();
        return due < TimeSpan.Zero ? TimeSpan.Zero : due;
    }

    private static partial class Log
    {
        [LoggerMessage(3001, LogLevel.Information, "Loaded sealing key {Secret} ({Fingerprint})")]
        public static partial void KeyLoaded(ILogger logger, string secret, string fingerprint);

        [LoggerMessage(3002, LogLevel.Warning, "Skipping key Secret {Secret}: {Reason}")]
        public static partial void KeyUnusable(ILogger logger, string secret, string reason);

        [LoggerMessage(3003, LogLevel.Information, "New sealing key {Secret} ({Fingerprint}): {Reason}")]
        public static partial void KeyGenerated(ILogger logger, string secret, string fingerprint, string reason);

        [LoggerMessage(3004, LogLevel.Information, "Certificate is\n{Pem}")]
        public static partial void CertificatePem(ILogger logger, string pem);
    }
}
