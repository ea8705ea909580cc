using System.Security.Cryptography.X509Certificates;
using SealedSecrets.Crypto;

namespace SealedSecrets.Controller.Keys;

/// <summary>
/// One registered key pair (a <c>kubernetes.io/tls</c> Secret, reference sealed-secrets.md §3.2):
/// the private key, its first certificate, and the time that orders it among the others.
/// </summary>
internal sealed class SealingKey(string secretName, SealingPrivateKey privateKey, X509Certificate2 certificate, string certificatePem, DateTimeOffset orderTime, DateTimeOffset? generatedAt = null)
{
    public string SecretName { get; } = secretName;

    public SealingPrivateKey PrivateKey { get; } = privateKey;

    public X509Certificate2 Certificate { get; } = certificate;

    /// <summary>The PEM served on <c>/v1/cert.pem</c>.</summary>
    public string CertificatePem { get; } = certificatePem;

    /// <summary>Cert NotBefore or Secret creationTimestamp, per <c>--key-order-priority</c>.</summary>
    public DateTimeOffset OrderTime { get; } = orderTime;

    /// <summary>
    /// When a Sigil controller made the key, to the tick (annotation <see cref="KeySecrets.GeneratedAtAnnotation"/>);
    /// null for keys made elsewhere. Breaks ties between keys whose <see cref="OrderTime"/> (one-second
    /// resolution) is equal, the same way on every replica.
    /// </summary>
    public DateTimeOffset? GeneratedAt { get; } = generatedAt;

    public string Fingerprint => PrivateKey.Fingerprint;
}
