using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using SealedSecrets.Crypto;

namespace SealedSecrets.Crypto.Tests;

[Collection(SharedKeys.Name)]
public sealed class PemTests(KeyFixture keys)
{
    [Fact]
    public void A_private_key_is_written_as_PKCS1_and_read_back()
    {
        var pem = keys.First.PrivateKeyPem;

        Assert.StartsWith("-----BEGIN RSA PRIVATE KEY-----\n", pem, StringComparison.Ordinal);
        using var read = SealingPem.ReadPrivateKey(pem);
        Assert.Equal(keys.First.PrivateKey.Fingerprint, read.Fingerprint);
    }

    [Fact]
    public void A_PKCS8_private_key_is_read_too()
    {
        using var rsa = RSA.Create();
        rsa.ImportRSAPrivateKey(keys.First.PrivateKey.ExportPkcs1(), out _);
        var pkcs8 = rsa.ExportPkcs8PrivateKeyPem();

        using var read = SealingPem.ReadPrivateKey(pkcs8);

        Assert.Equal(keys.First.PrivateKey.Fingerprint, read.Fingerprint);
    }

    [Fact]
    public void The_first_certificate_of_several_is_the_one_used()
    {
        var pem = keys.Second.CertificatePem + keys.First.CertificatePem;

        using var first = SealingPem.ReadFirstCertificate(pem);

        Assert.Equal(keys.Second.Certificate.Thumbprint, first.Thumbprint);
        Assert.Equal(2, SealingPem.ReadCertificates(pem).Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not a pem")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")]
    public void Text_without_a_certificate_is_a_key_format_error(string text)
    {
        var ex = Assert.Throws<KeyFormatException>(() => SealingPem.ReadFirstCertificate(text));

        Assert.Contains("no certificate found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_block_with_garbage_inside_is_a_key_format_error()
    {
        Assert.Throws<KeyFormatException>(() => SealingPem.ReadFirstCertificate("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"));
    }

    [Fact]
    public void Text_without_a_private_key_is_a_key_format_error()
    {
        Assert.Throws<KeyFormatException>(() => SealingPem.ReadPrivateKey(keys.First.CertificatePem));
        Assert.Throws<KeyFormatException>(() => SealingPem.ReadPrivateKey("-----BEGIN RSA PRIVATE KEY-----\nAAAA\n-----END RSA PRIVATE KEY-----\n"));
    }

    [Fact]
    public void A_certificate_for_a_non_RSA_key_is_refused_by_name()
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=ec", ec, HashAlgorithmName.SHA256);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch.AddYears(100));

        var ex = Assert.Throws<KeyFormatException>(() => SealingPublicKey.FromCertificate(certificate));

        Assert.StartsWith("expected RSA public key but found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_certificate_made_by_the_openssl_command_line_is_read()
    {
        var dir = Directory.CreateTempSubdirectory("sealing-pem-");
        try
        {
            var keyPath = Path.Combine(dir.FullName, "tls.key");
            var certPath = Path.Combine(dir.FullName, "tls.crt");
            RunOpenSsl($"req -x509 -newkey rsa:2048 -nodes -keyout {keyPath} -out {certPath} -subj /CN=sealed-secret/O=sealed-secret -days 1");

            using var certificate = SealingPem.ReadFirstCertificate(File.ReadAllText(certPath));
            using var publicKey = SealingPublicKey.FromCertificate(certificate);
            using var privateKey = SealingPem.ReadPrivateKey(File.ReadAllText(keyPath));
            var sealedValue = HybridEncryption.Encrypt(publicKey, "v"u8, "ns/a"u8, RandomNumberGenerator.Create());

            Assert.Equal(256, publicKey.ModulusSize);
            Assert.Equal("v"u8.ToArray(), HybridEncryption.Decrypt(privateKey, sealedValue, "ns/a"u8));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static void RunOpenSsl(string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo("openssl", arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(60_000));
        Assert.Equal(0, process.ExitCode);
    }
}
