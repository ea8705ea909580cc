using System.Security.Cryptography.X509Certificates;

namespace SealedSecrets.Crypto;

/// <summary>A private key and its self-signed certificate, as the controller stores them in a key Secret.</summary>
public sealed class SealingKeyPair : IDisposable
{
    /// <summary>Pairs <paramref name="privateKey"/> with <paramref name="certificate"/>.</summary>
    public SealingKeyPair(SealingPrivateKey privateKey, X509Certificate2 certificate)
    {
        PrivateKey = privateKey;
        Certificate = certificate;
    }

    /// <summary>The RSA private key.</summary>
    public SealingPrivateKey PrivateKey { get; }

    /// <summary>The self-signed certificate carrying the public key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary><c>tls.key</c>: PKCS#1 PEM.</summary>
    public string PrivateKeyPem => SealingPem.WritePrivateKey(PrivateKey);

    /// <summary><c>tls.crt</c>: certificate PEM.</summary>
    public string CertificatePem => SealingPem.WriteCertificate(Certificate);

    /// <inheritdoc/>
    public void Dispose()
    {
        PrivateKey.Dispose();
        Certificate.Dispose();
    }
}
