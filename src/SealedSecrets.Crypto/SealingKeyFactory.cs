using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SealedSecrets.Crypto;

/// <summary>
/// Makes a key pair the way upstream's controller does (<c>pkg/crypto/keys.go</c>, reference
/// sealed-secrets.md §3.3): RSA of the given size, then a self-signed X.509 v3 certificate with a
/// random serial in [0, 2^128), NotBefore = now, NotAfter = now + validity, subject = issuer = CN
/// (an empty name when no CN), KeyUsage = encipherOnly (critical), BasicConstraints CA:TRUE
/// (critical), a SubjectKeyIdentifier, signed SHA256-with-RSA.
/// </summary>
public static class SealingKeyFactory
{
    /// <summary>Upstream's default <c>--key-size</c>.</summary>
    public const int DefaultKeySize = 4096;

    /// <summary>Upstream's default <c>--key-ttl</c> (87600h).</summary>
    public static readonly TimeSpan DefaultValidity = TimeSpan.FromHours(87600);

    /// <summary>Generates a new RSA key and its certificate.</summary>
    /// <param name="keySizeBits">RSA modulus size, e.g. <see cref="DefaultKeySize"/>.</param>
    /// <param name="validity">Certificate lifetime, e.g. <see cref="DefaultValidity"/>.</param>
    /// <param name="commonName">Subject and issuer CN (<c>--my-cn</c>); null or empty means an empty name.</param>
    /// <param name="now">The current time (injected; the certificate starts at this second).</param>
    /// <param name="random">Source of the certificate serial; the RSA key itself comes from OpenSSL.</param>
    public static SealingKeyPair Generate(int keySizeBits, TimeSpan validity, string? commonName, DateTimeOffset now, RandomNumberGenerator random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var key = SealingPrivateKey.Generate(keySizeBits);
        try
        {
            return new SealingKeyPair(key, CreateCertificate(key, validity, commonName, now, random));
        }
        catch
        {
            key.Dispose();
            throw;
        }
    }

    /// <summary>Issues upstream's self-signed certificate for an existing key.</summary>
    public static X509Certificate2 CreateCertificate(SealingPrivateKey key, TimeSpan validity, string? commonName, DateTimeOffset now, RandomNumberGenerator random)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(random);
        var name = string.IsNullOrEmpty(commonName)
            ? new X500DistinguishedName([0x30, 0x00])
            : new X500DistinguishedNameBuilder().Let(b => b.AddCommonName(commonName)).Build();

        var request = new CertificateRequest(name, key.Rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.EncipherOnly, critical: true));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: true, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, X509SubjectKeyIdentifierHashAlgorithm.Sha1, critical: false));

        // X.509 times have one-second resolution; start at the current second as Go does.
        var notBefore = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        var generator = X509SignatureGenerator.CreateForRSA(key.Rsa, RSASignaturePadding.Pkcs1);
        return request.Create(name, generator, notBefore, notBefore + validity, RandomSerial(random));
    }

    // Go: rand.Int(rand.Reader, 2^128) — a non-negative integer below 2^128, minimally DER-encoded.
    private static byte[] RandomSerial(RandomNumberGenerator random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.GetBytes(bytes);
        return new BigInteger(bytes, isUnsigned: true, isBigEndian: true).ToByteArray(isUnsigned: false, isBigEndian: true);
    }

    private static X500DistinguishedNameBuilder Let(this X500DistinguishedNameBuilder builder, Action<X500DistinguishedNameBuilder> action)
    {
        action(builder);
        return builder;
    }
}
