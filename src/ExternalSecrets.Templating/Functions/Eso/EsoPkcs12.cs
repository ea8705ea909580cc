using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;
using ExternalSecrets.Templating.Functions.Sprig;
using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating.Functions.Eso;

/// <summary>
/// ESO's PKCS#12 functions (runtime/template/v2/pkcs12.go over go-pkcs12): reading the key and
/// certificates out of an archive, and building archives with go-pkcs12's "Modern" profile
/// (PBES2 AES-256-CBC, PBKDF2-HMAC-SHA256, SHA-256 MAC, 2048 iterations). Built archives are
/// returned base64-encoded, as ESO does.
/// </summary>
internal static class EsoPkcs12
{
    private const int Iterations = 2048;
    private static readonly PbeParameters Modern = new(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, Iterations);

    public static void Register(FuncMap m)
    {
        var s = GoType.String;
        m.Add(GoFunction.Fixed("pkcs12key", s, [s], static (ctx, a) =>
        {
            var a0 = Bytes(a[0]);
            return Run(ctx, () => KeyPem(a0, string.Empty));
        }, returnsError: true));
        m.Add(GoFunction.Fixed("pkcs12keyPass", s, [s, s], static (ctx, a) =>
        {
            var a1 = Bytes(a[1]);
            var a0 = Text(a[0]);
            return Run(ctx, () => KeyPem(a1, a0));
        }, returnsError: true));
        m.Add(GoFunction.Fixed("pkcs12cert", s, [s], static (ctx, a) =>
        {
            var a0 = Bytes(a[0]);
            return Run(ctx, () => CertPem(a0, string.Empty));
        }, returnsError: true));
        m.Add(GoFunction.Fixed("pkcs12certPass", s, [s, s], static (ctx, a) =>
        {
            var a1 = Bytes(a[1]);
            var a0 = Text(a[0]);
            return Run(ctx, () => CertPem(a1, a0));
        }, returnsError: true));
        m.Add(GoFunction.Fixed("pemToPkcs12", s, [s, s], static (ctx, a) =>
        {
            var a0 = Bytes(a[0]);
            var a1 = Bytes(a[1]);
            return Run(ctx, () => PemToPkcs12(a0, a1, string.Empty, full: false));
        }, returnsError: true));
        m.Add(GoFunction.Fixed("pemToPkcs12Pass", s, [s, s, s], static (ctx, a) =>
        {
            var a0 = Bytes(a[0]);
            var a1 = Bytes(a[1]);
            var a2 = Text(a[2]);
            return Run(ctx, () => PemToPkcs12(a0, a1, a2, full: false));
        }, returnsError: true));
        m.Add(GoFunction.Fixed("fullPemToPkcs12", s, [s, s], static (ctx, a) =>
        {
            var a0 = Bytes(a[0]);
            var a1 = Bytes(a[1]);
            return Run(ctx, () => PemToPkcs12(a0, a1, string.Empty, full: true));
        }, returnsError: true));
        m.Add(GoFunction.Fixed("fullPemToPkcs12Pass", s, [s, s, s], static (ctx, a) =>
        {
            var a0 = Bytes(a[0]);
            var a1 = Bytes(a[1]);
            var a2 = Text(a[2]);
            return Run(ctx, () => PemToPkcs12(a0, a1, a2, full: true));
        }, returnsError: true));
        m.Add(GoFunction.Fixed("pemTruststoreToPKCS12", s, [s], static (ctx, a) =>
        {
            var a0 = Bytes(a[0]);
            return Run(ctx, () => TrustStore(a0, string.Empty));
        }, returnsError: true));
        m.Add(GoFunction.Fixed("pemTruststoreToPKCS12Pass", s, [s, s], static (ctx, a) =>
        {
            var a0 = Bytes(a[0]);
            var a1 = Text(a[1]);
            return Run(ctx, () => TrustStore(a0, a1));
        }, returnsError: true));
    }

    private static byte[] Bytes(object? v) => ((GoString)v!).ToArray();

    private static string Text(object? v) => ((GoString)v!).ToUtf8String();

    private static GoResult Run(FunctionContext ctx, Func<string> body)
    {
        ctx.CheckBudget();
        try
        {
            return GoResult.Ok(GoString.FromUtf8(body()));
        }
        catch (EsoException e)
        {
            return GoResult.Fail(e.Message);
        }
    }

    /// <summary>What go-pkcs12's DecodeChain yields: the key, the certificate that holds its public key, and the others.</summary>
    internal sealed record Chain(EsoKeys.Key Key, byte[] Leaf, List<byte[]> CaCerts);

    internal static Chain DecodeChain(byte[] pfx, string password)
    {
        Pkcs12Info info;
        try
        {
            info = Pkcs12Info.Decode(pfx, out _, skipCopy: false);
        }
        catch (CryptographicException e)
        {
            throw new EsoException("pkcs12: error reading P12 data: " + e.Message, e);
        }

        // go-pkcs12 retries an empty password as the absent password (both conventions exist).
        string? pw = password;
        if (info.IntegrityMode == Pkcs12IntegrityMode.Password && !info.VerifyMac(pw))
        {
            if (password.Length == 0 && info.VerifyMac((string?)null))
            {
                pw = null;
            }
            else
            {
                throw new EsoException("pkcs12: decryption password incorrect");
            }
        }

        EsoKeys.Key? key = null;
        var certs = new List<byte[]>();
        foreach (var safe in info.AuthenticatedSafe)
        {
            if (safe.ConfidentialityMode == Pkcs12ConfidentialityMode.Password)
            {
                try
                {
                    safe.Decrypt(pw);
                }
                catch (CryptographicException e)
                {
                    throw new EsoException("pkcs12: " + e.Message, e);
                }
            }
            else if (safe.ConfidentialityMode != Pkcs12ConfidentialityMode.None)
            {
                throw new EsoException("pkcs12: unsupported content type (public-key encrypted safe)");
            }

            foreach (var bag in safe.GetBags())
            {
                switch (bag)
                {
                    case Pkcs12CertBag cert when cert.IsX509Certificate:
                        {
                            try
                            {
                                using var x = cert.GetCertificate();
                                certs.Add(x.RawData);
                            }
                            catch (CryptographicException e)
                            {
                                throw new EsoException("pkcs12: " + e.Message, e);
                            }

                            break;
                        }

                    case Pkcs12ShroudedKeyBag shrouded:
                        {
                            if (key is not null)
                            {
                                throw new EsoException("pkcs12: expected exactly one key bag");
                            }

                            byte[] der;
                            try
                            {
                                var pki = Pkcs8PrivateKeyInfo.DecryptAndDecode(pw, shrouded.EncryptedPkcs8PrivateKey, out _);
                                der = pki.Encode();
                            }
                            catch (CryptographicException e)
                            {
                                throw new EsoException("pkcs12: " + e.Message, e);
                            }

                            key = EsoKeys.TryParsePkcs8(der) ?? throw new EsoException("pkcs12: unsupported private key type");
                            break;
                        }

                    case Pkcs12KeyBag plain:
                        if (key is not null)
                        {
                            throw new EsoException("pkcs12: expected exactly one key bag");
                        }

                        key = EsoKeys.TryParsePkcs8(plain.Pkcs8PrivateKey.ToArray()) ?? throw new EsoException("pkcs12: unsupported private key type");
                        break;
                    default:
                        break;
                }
            }
        }

        if (key is null)
        {
            throw new EsoException("pkcs12: private key missing");
        }

        if (certs.Count == 0)
        {
            throw new EsoException("pkcs12: certificate missing");
        }

        var leafIndex = 0;
        for (var i = 0; i < certs.Count; i++)
        {
            using var c = X509CertificateLoader.LoadCertificate(certs[i]);
            if (EsoKeys.Matches(key, c.PublicKey.ExportSubjectPublicKeyInfo()))
            {
                leafIndex = i;
                break;
            }
        }

        var leaf = certs[leafIndex];
        certs.RemoveAt(leafIndex);
        return new Chain(key, leaf, certs);
    }

    private static string KeyPem(byte[] pfx, string password)
    {
        Chain chain;
        try
        {
            chain = DecodeChain(pfx, password);
        }
        catch (EsoException e)
        {
            throw new EsoException("unable to decode pkcs12 with password: " + e.Message, e);
        }

        using (chain.Key)
        {
            return GoPem.Encode("PRIVATE KEY", EsoKeys.MarshalPkcs8(chain.Key));
        }
    }

    private static string CertPem(byte[] pfx, string password)
    {
        Chain chain;
        try
        {
            chain = DecodeChain(pfx, password);
        }
        catch (EsoException e)
        {
            throw new EsoException("unable to decode pkcs12 certificate with password: " + e.Message, e);
        }

        chain.Key.Dispose();
        var pem = GoPem.Encode(EsoCertificates.PemCertificate, chain.Leaf) + string.Concat(chain.CaCerts.Select(c => GoPem.Encode(EsoCertificates.PemCertificate, c)));

        // Ordered leaf → intermediates → root when a single chain can be built; as is otherwise.
        try
        {
            var nodes = EsoCertificates.PemToCerts(System.Text.Encoding.UTF8.GetBytes(pem));
            var ordered = EsoCertificates.OrderChain(nodes, out var error);
            return error is null ? EsoCertificates.ToPem(ordered) : pem;
        }
        catch (EsoException)
        {
            return pem;
        }
    }

    private static string PemToPkcs12(byte[] certPem, byte[] keyPem, string password, bool full)
    {
        var block = GoPem.Decode(certPem, out var rest)
            ?? throw new InvalidOperationException(SprigValues.NilDereference);
        var leaf = EsoCertificates.Parse(block.Bytes);
        var caCerts = full ? ParseCaCerts(rest) : [];
        var keyBlock = GoPem.Decode(keyPem, out _) ?? throw new InvalidOperationException(SprigValues.NilDereference);
        using var key = EsoKeys.Parse(keyBlock.Bytes);

        var certSafe = new Pkcs12SafeContents();
        var localKeyId = SHA1.HashData(leaf.Raw);
        using (var leafCert = X509CertificateLoader.LoadCertificate(leaf.Raw))
        {
            var bag = certSafe.AddCertificate(leafCert);
            bag.Attributes.Add(new Pkcs9LocalKeyId(localKeyId));
        }

        foreach (var ca in caCerts)
        {
            using var caCert = X509CertificateLoader.LoadCertificate(ca.Raw);
            certSafe.AddCertificate(caCert);
        }

        var keySafe = new Pkcs12SafeContents();
        var pkcs8 = EsoKeys.MarshalPkcs8(key);
        var keyBag = keySafe.AddShroudedKey(ToAlgorithm(key, pkcs8), password, Modern);
        keyBag.Attributes.Add(new Pkcs9LocalKeyId(localKeyId));

        var builder = new Pkcs12Builder();
        builder.AddSafeContentsEncrypted(certSafe, password, Modern);
        builder.AddSafeContentsUnencrypted(keySafe);
        builder.SealWithMac(password, HashAlgorithmName.SHA256, Iterations);
        return Convert.ToBase64String(builder.Encode());
    }

    // Pkcs12SafeContents.AddShroudedKey needs an AsymmetricAlgorithm; Ed25519 has none in the BCL.
    private static AsymmetricAlgorithm ToAlgorithm(EsoKeys.Key key, byte[] pkcs8) =>
        (AsymmetricAlgorithm?)key.Rsa ?? (AsymmetricAlgorithm?)key.Ec ?? throw new EsoException("pkcs12: Ed25519 keys are not supported (" + pkcs8.Length + " bytes)");

    private static List<EsoCertificates.Cert> ParseCaCerts(ReadOnlySpan<byte> rest)
    {
        var certs = new List<EsoCertificates.Cert>();
        while (!rest.IsEmpty)
        {
            var block = GoPem.Decode(rest, out var next) ?? throw new InvalidOperationException(SprigValues.NilDereference);
            rest = next;
            certs.Add(EsoCertificates.Parse(block.Bytes));
        }

        return certs;
    }

    private static string TrustStore(byte[] pem, string password)
    {
        var certs = ParseCaCerts(pem);
        var safe = new Pkcs12SafeContents();
        foreach (var c in certs)
        {
            using var x = X509CertificateLoader.LoadCertificate(c.Raw);
            var bag = safe.AddCertificate(x);
            var name = x.SubjectName.Format(false).Replace(", ", ",", StringComparison.Ordinal);
            if (name.Length > 0)
            {
                var w = new AsnWriter(AsnEncodingRules.DER);
                w.WriteCharacterString(UniversalTagNumber.BMPString, name);
                bag.Attributes.Add(new Pkcs9AttributeObject("1.2.840.113549.1.9.20", w.Encode()));
            }

            // Java's trusted-certificate marker (what keytool reads): anyExtendedKeyUsage.
            var eku = new AsnWriter(AsnEncodingRules.DER);
            eku.WriteObjectIdentifier("2.5.29.37.0");
            bag.Attributes.Add(new Pkcs9AttributeObject("2.16.840.1.113894.746875.1.1", eku.Encode()));
        }

        var builder = new Pkcs12Builder();
        builder.AddSafeContentsEncrypted(safe, password, Modern);
        builder.SealWithMac(password, HashAlgorithmName.SHA256, Iterations);
        return Convert.ToBase64String(builder.Encode());
    }
}
