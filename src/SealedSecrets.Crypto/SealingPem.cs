using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace SealedSecrets.Crypto;

/// <summary>
/// PEM in and out, as upstream reads and writes key material: private keys as PKCS#1
/// <c>RSA PRIVATE KEY</c> (written) or PKCS#1/PKCS#8 (read, first key in the file), certificates as
/// <c>CERTIFICATE</c> blocks (the first one is the one used).
/// </summary>
public static class SealingPem
{
    private const string CertificateLabel = "CERTIFICATE";
    private const string RsaPrivateKeyLabel = "RSA PRIVATE KEY";
    private const string Pkcs8PrivateKeyLabel = "PRIVATE KEY";

    /// <summary>Every certificate in <paramref name="pem"/>, in order; other blocks are skipped.</summary>
    public static IReadOnlyList<X509Certificate2> ReadCertificates(ReadOnlySpan<char> pem)
    {
        var certificates = new List<X509Certificate2>();
        foreach (var (label, der) in Blocks(pem))
        {
            if (label == CertificateLabel)
            {
                try
                {
                    certificates.Add(X509CertificateLoader.LoadCertificate(der));
                }
                catch (CryptographicException ex)
                {
                    throw new KeyFormatException("certificate PEM block is not a valid X.509 certificate", ex);
                }
            }
        }
        return certificates;
    }

    /// <summary>The first certificate in <paramref name="pem"/>, as upstream's <c>ParseKey</c> uses.</summary>
    public static X509Certificate2 ReadFirstCertificate(ReadOnlySpan<char> pem)
    {
        var certificates = ReadCertificates(pem);
        if (certificates.Count == 0)
        {
            throw new KeyFormatException("no certificate found: expected a PEM \"CERTIFICATE\" block");
        }
        for (var i = 1; i < certificates.Count; i++)
        {
            certificates[i].Dispose();
        }
        return certificates[0];
    }

    /// <summary>The first RSA private key (PKCS#1 or PKCS#8) in <paramref name="pem"/>.</summary>
    public static SealingPrivateKey ReadPrivateKey(ReadOnlySpan<char> pem)
    {
        foreach (var (label, der) in Blocks(pem))
        {
            try
            {
                switch (label)
                {
                    case RsaPrivateKeyLabel:
                        return SealingPrivateKey.FromPkcs1(der);
                    case Pkcs8PrivateKeyLabel:
                        return SealingPrivateKey.FromPkcs8(der);
                }
            }
            catch (CryptographicException ex)
            {
                throw new KeyFormatException($"PEM block \"{label}\" is not a valid RSA private key", ex);
            }
        }
        throw new KeyFormatException("no private key found: expected a PEM \"RSA PRIVATE KEY\" or \"PRIVATE KEY\" block");
    }

    /// <summary>The PKCS#1 <c>RSA PRIVATE KEY</c> PEM of <paramref name="key"/>, as upstream writes <c>tls.key</c>.</summary>
    public static string WritePrivateKey(SealingPrivateKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var der = key.ExportPkcs1();
        try
        {
            return new string(PemEncoding.Write(RsaPrivateKeyLabel, der)) + "\n";
        }
        finally
        {
            CryptographicOperations.ZeroMemory(der);
        }
    }

    /// <summary>The <c>CERTIFICATE</c> PEM of <paramref name="certificate"/>.</summary>
    public static string WriteCertificate(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return new string(PemEncoding.Write(CertificateLabel, certificate.RawData)) + "\n";
    }

    private static List<(string Label, byte[] Der)> Blocks(ReadOnlySpan<char> pem)
    {
        var blocks = new List<(string, byte[])>();
        while (PemEncoding.TryFind(pem, out var fields))
        {
            var label = pem[fields.Label].ToString();
            var der = new byte[fields.DecodedDataLength];
            if (!Convert.TryFromBase64Chars(pem[fields.Base64Data], der, out _))
            {
                throw new KeyFormatException($"PEM block \"{label}\" has invalid base64");
            }
            blocks.Add((label, der));
            pem = pem[fields.Location.End..];
        }
        return blocks;
    }
}
