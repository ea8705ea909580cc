using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using ExternalSecrets.Templating.Functions.Sprig;

namespace ExternalSecrets.Templating.Functions.Eso;

/// <summary>
/// Private keys as Go's crypto/x509 handles them: parsing PKCS#1, PKCS#8 and SEC1 (ESO's
/// parsePrivateKey order) and <c>MarshalPKCS8PrivateKey</c>'s exact encoding, which for EC keys
/// omits the curve inside the inner ECPrivateKey (the BCL's export keeps it).
/// </summary>
internal static class EsoKeys
{
    private const string OidRsa = "1.2.840.113549.1.1.1";
    private const string OidEc = "1.2.840.10045.2.1";
    private const string OidEd25519 = "1.3.101.112";

    /// <summary>A parsed key: RSA, ECDsa, or an Ed25519 seed.</summary>
    public sealed class Key : IDisposable
    {
        public RSA? Rsa { get; init; }

        public ECDsa? Ec { get; init; }

        public byte[]? Ed25519Seed { get; init; }

        public void Dispose()
        {
            Rsa?.Dispose();
            Ec?.Dispose();
        }
    }

    /// <summary>ESO's parsePrivateKey: PKCS#1, then PKCS#8, then SEC1; "unable to parse private key type" otherwise.</summary>
    public static Key Parse(byte[] der)
    {
        try
        {
            var rsa = RSA.Create();
            rsa.ImportRSAPrivateKey(der, out var n);
            if (n == der.Length)
            {
                return new Key { Rsa = rsa };
            }

            rsa.Dispose();
        }
        catch (CryptographicException)
        {
        }

        if (TryParsePkcs8(der) is { } k)
        {
            return k;
        }

        try
        {
            var ec = ECDsa.Create();
            ec.ImportECPrivateKey(der, out _);
            return new Key { Ec = ec };
        }
        catch (CryptographicException)
        {
        }

        throw new EsoException("unable to parse private key type");
    }

    public static Key? TryParsePkcs8(byte[] der)
    {
        try
        {
            var info = Pkcs8PrivateKeyInfo.Decode(der, out _, skipCopy: true);
            switch (info.AlgorithmId.Value)
            {
                case OidRsa:
                    {
                        var rsa = RSA.Create();
                        rsa.ImportPkcs8PrivateKey(der, out _);
                        return new Key { Rsa = rsa };
                    }

                case OidEc:
                    {
                        var ec = ECDsa.Create();
                        ec.ImportPkcs8PrivateKey(der, out _);
                        return new Key { Ec = ec };
                    }

                case OidEd25519:
                    {
                        var seed = new AsnReader(info.PrivateKeyBytes, AsnEncodingRules.BER).ReadOctetString();
                        return seed.Length == 32 ? new Key { Ed25519Seed = seed } : null;
                    }

                default:
                    return null;
            }
        }
        catch (CryptographicException)
        {
            return null;
        }
        catch (AsnContentException)
        {
            return null;
        }
    }

    /// <summary>Go's <c>x509.MarshalPKCS8PrivateKey</c>.</summary>
    public static byte[] MarshalPkcs8(Key key)
    {
        if (key.Rsa is { } rsa)
        {
            return rsa.ExportPkcs8PrivateKey();
        }

        if (key.Ed25519Seed is { } seed)
        {
            return SprigCryptoAccess.Ed25519Pkcs8(seed);
        }

        var p = key.Ec!.ExportParameters(includePrivateParameters: true);
        var curveOid = p.Curve.Oid.Value ?? throw new EsoException("x509: unknown curve while marshaling to PKCS#8");
        var size = (key.Ec.KeySize + 7) / 8;
        var inner = new AsnWriter(AsnEncodingRules.DER);
        using (inner.PushSequence())
        {
            inner.WriteInteger(1);
            inner.WriteOctetString(PadLeft(p.D!, size));
            var point = new byte[1 + (2 * size)];
            point[0] = 4;
            PadLeft(p.Q.X!, size).CopyTo(point, 1);
            PadLeft(p.Q.Y!, size).CopyTo(point, 1 + size);
            var tag = new Asn1Tag(TagClass.ContextSpecific, 1, isConstructed: true);
            using (inner.PushSequence(tag))
            {
                inner.WriteBitString(point);
            }
        }

        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            w.WriteInteger(0);
            using (w.PushSequence())
            {
                w.WriteObjectIdentifier(OidEc);
                w.WriteObjectIdentifier(curveOid);
            }

            w.WriteOctetString(inner.Encode());
        }

        return w.Encode();
    }

    private static byte[] PadLeft(byte[] value, int size)
    {
        if (value.Length >= size)
        {
            return value;
        }

        var padded = new byte[size];
        value.CopyTo(padded, size - value.Length);
        return padded;
    }

    /// <summary>The PKIX SubjectPublicKeyInfo of the key's public half (Go's MarshalPKIXPublicKey).</summary>
    public static byte[] PublicKeyInfo(Key key)
    {
        if (key.Rsa is { } rsa)
        {
            return rsa.ExportSubjectPublicKeyInfo();
        }

        if (key.Ec is { } ec)
        {
            return ec.ExportSubjectPublicKeyInfo();
        }

        throw new EsoException("x509: unsupported public key type");
    }

    /// <summary>Whether a certificate (DER SubjectPublicKeyInfo) holds this key's public half.</summary>
    public static bool Matches(Key key, ReadOnlySpan<byte> certSpki)
    {
        try
        {
            return key.Ed25519Seed is null && PublicKeyInfo(key).AsSpan().SequenceEqual(certSpki);
        }
        catch (EsoException)
        {
            return false;
        }
    }
}
