using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SealedSecrets.Crypto;

/// <summary>
/// An RSA public key ready for sealing: an OpenSSL key handle kept open so each value costs one
/// public operation and no re-import. Thread-safe for concurrent sealing; dispose when done.
/// </summary>
public sealed class SealingPublicKey : IDisposable
{
    private readonly RSAOpenSsl _rsa;
    private readonly Lazy<string> _fingerprint;

    private SealingPublicKey(RSAOpenSsl rsa)
    {
        _rsa = rsa;
        Handle = rsa.DuplicateKeyHandle();
        ModulusSize = (rsa.KeySize + 7) / 8;
        _fingerprint = new Lazy<string>(() => KeyFingerprint.Of(_rsa));
    }

    /// <summary>Size of the modulus, and so of the RSA part of each sealed value, in bytes.</summary>
    public int ModulusSize { get; }

    /// <summary>The upstream-style <c>SHA256:</c> fingerprint (<see cref="KeyFingerprint"/>).</summary>
    public string Fingerprint => _fingerprint.Value;

    internal SafeEvpPKeyHandle Handle { get; }

    /// <summary>Takes the public key of an X.509 certificate; it must be RSA.</summary>
    public static SealingPublicKey FromCertificate(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (certificate.PublicKey.Oid.Value != "1.2.840.113549.1.1.1")
        {
            throw new KeyFormatException(
                $"expected RSA public key but found {certificate.PublicKey.Oid.FriendlyName ?? certificate.PublicKey.Oid.Value}");
        }
        var rsa = new RSAOpenSsl();
        try
        {
            rsa.ImportSubjectPublicKeyInfo(certificate.PublicKey.ExportSubjectPublicKeyInfo(), out _);
            return new SealingPublicKey(rsa);
        }
        catch (CryptographicException ex)
        {
            rsa.Dispose();
            throw new KeyFormatException("the certificate's RSA public key cannot be read", ex);
        }
    }

    /// <summary>Copies the public half of <paramref name="rsa"/>.</summary>
    public static SealingPublicKey FromRsa(RSA rsa)
    {
        ArgumentNullException.ThrowIfNull(rsa);
        var copy = new RSAOpenSsl();
        copy.ImportParameters(rsa.ExportParameters(includePrivateParameters: false));
        return new SealingPublicKey(copy);
    }

    /// <summary>The DER SubjectPublicKeyInfo of this key.</summary>
    public byte[] ExportSubjectPublicKeyInfo() => _rsa.ExportSubjectPublicKeyInfo();

    /// <inheritdoc/>
    public void Dispose()
    {
        Handle.Dispose();
        _rsa.Dispose();
    }
}
