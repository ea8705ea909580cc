using System.Formats.Asn1;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Org.BouncyCastle.Security;
using SealedSecrets.Crypto;

namespace SealedSecrets.Crypto.Tests;

[Collection(SharedKeys.Name)]
public sealed class KeyGenerationTests(KeyFixture keys)
{
    private X509Certificate2 Certificate => keys.First.Certificate;

    [Fact]
    public void The_key_is_RSA_4096_with_exponent_65537()
    {
        using var rsa = Certificate.GetRSAPublicKey()!;
        var parameters = rsa.ExportParameters(false);

        Assert.Equal(4096, rsa.KeySize);
        Assert.Equal(new byte[] { 1, 0, 1 }, parameters.Exponent);
        Assert.Equal(512, keys.First.PrivateKey.ModulusSize);
    }

    [Fact]
    public void The_certificate_is_self_signed_with_an_empty_name_by_default()
    {
        Assert.Equal(new byte[] { 0x30, 0x00 }, Certificate.SubjectName.RawData);
        Assert.Equal(Certificate.SubjectName.RawData, Certificate.IssuerName.RawData);
        Assert.True(SignatureVerifies(Certificate));
        Assert.Equal("1.2.840.113549.1.1.11", Certificate.SignatureAlgorithm.Value);
        Assert.Equal(3, Certificate.Version);
    }

    [Fact]
    public void A_common_name_becomes_subject_and_issuer()
    {
        Assert.Equal("CN=sealed-secrets", keys.Second.Certificate.Subject);
        Assert.Equal("CN=sealed-secrets", keys.Second.Certificate.Issuer);
    }

    [Fact]
    public void Key_usage_is_encipher_only_and_critical_as_upstream_encodes_it()
    {
        var usage = Certificate.Extensions.OfType<X509KeyUsageExtension>().Single();

        Assert.True(usage.Critical);
        Assert.Equal(X509KeyUsageFlags.EncipherOnly, usage.KeyUsages);
        Assert.Equal(new byte[] { 0x03, 0x02, 0x00, 0x01 }, usage.RawData);
    }

    [Fact]
    public void It_is_a_critical_CA_with_a_subject_key_identifier_and_no_other_extensions()
    {
        var basic = Certificate.Extensions.OfType<X509BasicConstraintsExtension>().Single();
        var ski = Certificate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single();

        Assert.True(basic.Critical);
        Assert.True(basic.CertificateAuthority);
        Assert.False(basic.HasPathLengthConstraint);
        // RFC 5280 §4.2.1.2 method 1 (what Go uses): SHA-1 of the subjectPublicKey bits.
#pragma warning disable CA5350 // SHA-1 is what the standard names here, not a security choice.
        Assert.Equal(SHA1.HashData(Certificate.PublicKey.EncodedKeyValue.RawData), Convert.FromHexString(ski.SubjectKeyIdentifier!));
#pragma warning restore CA5350
        Assert.Equal(3, Certificate.Extensions.Count);
    }

    [Fact]
    public void Validity_starts_now_and_lasts_ten_years()
    {
        var now = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

        Assert.Equal(now.UtcDateTime, Certificate.NotBefore.ToUniversalTime());
        Assert.Equal(now.AddHours(87600).UtcDateTime, Certificate.NotAfter.ToUniversalTime());
    }

    [Fact]
    public void The_serial_is_non_negative_and_below_two_to_the_128()
    {
        using var random = RandomNumberGenerator.Create();
        for (var i = 0; i < 20; i++)
        {
            using var certificate = SealingKeyFactory.CreateCertificate(keys.First.PrivateKey, TimeSpan.FromDays(1), null, DateTimeOffset.UnixEpoch, random);
            var serial = new BigInteger(certificate.SerialNumberBytes.Span, isUnsigned: false, isBigEndian: true);
            Assert.InRange(serial, BigInteger.Zero, BigInteger.Pow(2, 128) - 1);
        }
    }

    [Fact]
    public void A_generated_certificate_seals_values_the_key_opens()
    {
        using var publicKey = SealingPublicKey.FromCertificate(Certificate);
        var sealedValue = HybridEncryption.Encrypt(publicKey, "v"u8, [], RandomNumberGenerator.Create());

        Assert.Equal("v"u8.ToArray(), HybridEncryption.Decrypt(keys.First.PrivateKey, sealedValue, []));
        Assert.Equal(keys.First.PrivateKey.Fingerprint, publicKey.Fingerprint);
    }

    [Fact]
    public void BouncyCastle_reads_the_certificate_public_key_as_the_same_modulus()
    {
        // BouncyCastle refuses an empty issuer name (as Python's cryptography refuses upstream's
        // KeyUsage), so this uses the certificate with a CN.
        var bc = new Org.BouncyCastle.X509.X509CertificateParser().ReadCertificate(keys.Second.Certificate.RawData);
        var bcKey = (Org.BouncyCastle.Crypto.Parameters.RsaKeyParameters)bc.GetPublicKey();
        var ours = (Org.BouncyCastle.Crypto.Parameters.RsaKeyParameters)PublicKeyFactory.CreateKey(keys.Second.PrivateKey.PublicKey.ExportSubjectPublicKeyInfo());

        Assert.Equal(ours.Modulus, bcKey.Modulus);
        bc.Verify(bc.GetPublicKey());
    }

    private static bool SignatureVerifies(X509Certificate2 certificate)
    {
        var reader = new AsnReader(certificate.RawData, AsnEncodingRules.DER).ReadSequence();
        var tbs = reader.ReadEncodedValue().ToArray();
        reader.ReadSequence();
        var signature = reader.ReadBitString(out _);
        using var rsa = certificate.GetRSAPublicKey()!;
        return rsa.VerifyData(tbs, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
    }
}
