using System.Text;
using k8s.Models;
using SealedSecrets.Api;
using SealedSecrets.Controller.Options;
using SealedSecrets.Crypto;

namespace SealedSecrets.Controller.Keys;

/// <summary>
/// Key pairs as upstream stores them (reference sealed-secrets.md §3.2): <c>kubernetes.io/tls</c>
/// Secrets in the controller namespace, <c>tls.key</c> = PKCS#1 PEM, <c>tls.crt</c> = the
/// certificate(s), label <c>sealedsecrets.bitnami.com/sealed-secrets-key=active</c>, named by
/// <c>generateName</c> = the key prefix.
/// </summary>
internal static class KeySecrets
{
    public const string TlsType = "kubernetes.io/tls";
    public const string TlsKey = "tls.key";
    public const string TlsCrt = "tls.crt";

    /// <summary>
    /// Sigil's own annotation on keys it generates: the generation time to the tick (round-trip "O"
    /// format). Certificate NotBefore and creationTimestamp have one-second resolution, so two keys
    /// made within a second would otherwise be ordered by fingerprint and a replica could seal with
    /// the older one while the leader seals with the newer.
    /// </summary>
    public const string GeneratedAtAnnotation = "sealedsecrets.sigil.dev/generated-at";

    /// <summary>The label selector that finds usable keys.</summary>
    public const string ActiveSelector = SealedSecretAnnotations.SealedSecretsKeyLabel + "=" + SealedSecretAnnotations.ActiveKey;

    public static V1Secret ToSecret(SealingKeyPair pair, SealedSecretsControllerOptions options, DateTimeOffset? generatedAt = null)
    {
        ArgumentNullException.ThrowIfNull(pair);
        ArgumentNullException.ThrowIfNull(options);
        var annotations = new Dictionary<string, string>(options.PrivateKeyAnnotations, StringComparer.Ordinal);
        if (generatedAt is { } at)
        {
            annotations[GeneratedAtAnnotation] = at.UtcDateTime.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }
        var labels = new Dictionary<string, string>(options.PrivateKeyLabels, StringComparer.Ordinal)
        {
            // Extra labels cannot override the one that makes the key usable.
            [SealedSecretAnnotations.SealedSecretsKeyLabel] = SealedSecretAnnotations.ActiveKey,
        };
        return new V1Secret
        {
            ApiVersion = "v1",
            Kind = "Secret",
            Metadata = new V1ObjectMeta
            {
                GenerateName = options.KeyPrefix,
                NamespaceProperty = options.ControllerNamespace,
                Labels = labels,
                Annotations = annotations.Count == 0 ? null : annotations,
            },
            Type = TlsType,
            Data = new Dictionary<string, byte[]>(StringComparer.Ordinal)
            {
                [TlsKey] = Encoding.ASCII.GetBytes(pair.PrivateKeyPem),
                [TlsCrt] = Encoding.ASCII.GetBytes(pair.CertificatePem),
            },
        };
    }

    /// <summary>True for a Secret that holds an active key (or the legacy key named exactly as the prefix).</summary>
    public static bool IsKeySecret(V1Secret secret, SealedSecretsControllerOptions options)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(options);
        var meta = secret.Metadata;
        if (meta is null || meta.NamespaceProperty != options.ControllerNamespace)
        {
            return false;
        }
        return meta.Name == options.KeyPrefix
            || (meta.Labels is not null && meta.Labels.TryGetValue(SealedSecretAnnotations.SealedSecretsKeyLabel, out var v) && v == SealedSecretAnnotations.ActiveKey);
    }

    /// <summary>Reads the key pair in <paramref name="secret"/>.</summary>
    /// <exception cref="KeyFormatException">The Secret does not hold a usable RSA key and certificate; the message names it.</exception>
    public static SealingKey Read(V1Secret secret, KeyOrderPriority priority)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var name = $"{secret.Metadata?.NamespaceProperty}/{secret.Metadata?.Name}";
        if (secret.Data is null || !secret.Data.TryGetValue(TlsKey, out var keyPem) || keyPem is null)
        {
            throw new KeyFormatException($"key Secret {name} has no data.\"{TlsKey}\"");
        }
        if (!secret.Data.TryGetValue(TlsCrt, out var certPem) || certPem is null)
        {
            throw new KeyFormatException($"key Secret {name} has no data.\"{TlsCrt}\"");
        }
        SealingPrivateKey key;
        try
        {
            key = SealingPem.ReadPrivateKey(Encoding.ASCII.GetString(keyPem));
        }
        catch (KeyFormatException ex)
        {
            throw new KeyFormatException($"key Secret {name} data.\"{TlsKey}\": {ex.Message}", ex);
        }
        var certificate = SealingPem.ReadFirstCertificate(Encoding.ASCII.GetString(certPem));
        var orderTime = priority == KeyOrderPriority.SecretCreationTimestamp && secret.Metadata?.CreationTimestamp is { } created
            ? new DateTimeOffset(DateTime.SpecifyKind(created, DateTimeKind.Utc))
            : new DateTimeOffset(certificate.NotBefore.ToUniversalTime(), TimeSpan.Zero);
        DateTimeOffset? generatedAt = secret.Metadata?.Annotations is { } a && a.TryGetValue(GeneratedAtAnnotation, out var text)
            && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal | System.Globalization.DateTimeStyles.AdjustToUniversal, out var parsed)
            ? parsed
            : null;
        return new SealingKey(secret.Metadata?.Name ?? string.Empty, key, certificate, SealingPem.WriteCertificate(certificate), orderTime, generatedAt);
    }
}
