using System.Security.Cryptography;

namespace SealedSecrets.Crypto;

/// <summary>
/// An RSA private key ready for unsealing, with its OpenSSL handle kept open so trying many keys
/// costs one private operation per key and nothing else. Thread-safe; dispose when done.
/// </summary>
public sealed class SealingPrivateKey : IDisposable
{
    private readonly RSAOpenSsl _rsa;
    private readonly Lazy<SealingPublicKey> _publicKey;

    private SealingPrivateKey(RSAOpenSsl rsa)
    {
        _rsa = rsa;
        Handle = rsa.DuplicateKeyHandle();
        ModulusSize = (rsa.KeySize + 7) / 8;
        _publicKey = new Lazy<SealingPublicKey>(() => SealingPublicKey.FromRsa(_rsa));
    }

    /// <summary>Size of the modulus in bytes (512 for RSA-4096).</summary>
    public int ModulusSize { get; }

    /// <summary>The matching public key (for sealing with the same pair).</summary>
    public SealingPublicKey PublicKey => _publicKey.Value;

    /// <summary>The upstream-style <c>SHA256:</c> fingerprint of the public half.</summary>
    public string Fingerprint => PublicKey.Fingerprint;

    internal SafeEvpPKeyHandle Handle { get; }

    internal RSA Rsa => _rsa;

    /// <summary>Generates a fresh RSA key of <paramref name="keySizeBits"/> bits (OpenSSL's RNG).</summary>
    public static SealingPrivateKey Generate(int keySizeBits) => new(new RSAOpenSsl(keySizeBits));

    /// <summary>
    /// Wraps <paramref name="rsa"/>. An <see cref="RSAOpenSsl"/> shares its OpenSSL key; any other
    /// implementation is copied through its parameters.
    /// </summary>
    public static SealingPrivateKey FromRsa(RSA rsa)
    {
        ArgumentNullException.ThrowIfNull(rsa);
        if (rsa is RSAOpenSsl openSsl)
        {
            // The RSAOpenSsl constructor takes its own reference, so this one is released here.
            using var handle = openSsl.DuplicateKeyHandle();
            return new SealingPrivateKey(new RSAOpenSsl(handle));
        }
        var copy = new RSAOpenSsl();
        copy.ImportParameters(rsa.ExportParameters(includePrivateParameters: true));
        return new SealingPrivateKey(copy);
    }

    /// <summary>Imports a PKCS#1 DER <c>RSAPrivateKey</c>.</summary>
    internal static SealingPrivateKey FromPkcs1(ReadOnlySpan<byte> der)
    {
        var rsa = new RSAOpenSsl();
        try
        {
            rsa.ImportRSAPrivateKey(der, out _);
            return new SealingPrivateKey(rsa);
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }

    /// <summary>Imports a PKCS#8 DER <c>PrivateKeyInfo</c> holding an RSA key.</summary>
    internal static SealingPrivateKey FromPkcs8(ReadOnlySpan<byte> der)
    {
        var rsa = new RSAOpenSsl();
        try
        {
            rsa.ImportPkcs8PrivateKey(der, out _);
            return new SealingPrivateKey(rsa);
        }
        catch
        {
            rsa.Dispose();
            throw;
        }
    }

    /// <summary>The PKCS#1 DER encoding, as upstream stores it in <c>tls.key</c>.</summary>
    public byte[] ExportPkcs1() => _rsa.ExportRSAPrivateKey();

    /// <inheritdoc/>
    public void Dispose()
    {
        if (_publicKey.IsValueCreated)
        {
            _publicKey.Value.Dispose();
        }
        Handle.Dispose();
        _rsa.Dispose();
    }
}
