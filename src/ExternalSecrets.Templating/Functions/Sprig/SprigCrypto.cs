using System.Buffers.Binary;
using System.Formats.Asn1;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ExternalSecrets.Templating.Values;
using static ExternalSecrets.Templating.Functions.Sprig.Sig;

namespace ExternalSecrets.Templating.Functions.Sprig;

/// <summary>
/// sprig's crypto.go on the BCL: bcrypt (BCrypt.Net-Next), Master Password <c>derivePassword</c>
/// (own scrypt), key and certificate generation, AES-256-CBC <c>encryptAES</c>/<c>decryptAES</c>.
/// Key generation is CPU-heavy, so each call checks the execution budget first.
/// </summary>
internal static class SprigCrypto
{
    private static readonly GoType Cert = SprigCertificate.CertificateType;

    public static void Register(FuncMap m)
    {
        Fn(m, "bcrypt", S, [S], static (ctx, a) =>
        {
            ctx.CheckBudget();
            return Ok(GoString.FromUtf8(Bcrypt(Str(a, 0))));
        });
        Fn(m, "htpasswd", S, [S, S], static (ctx, a) =>
        {
            ctx.CheckBudget();
            var user = Str(a, 0);
            if (user.Span.Contains((byte)':'))
            {
                return Ok(GoString.Concat("invalid username: ", user));
            }

            return Ok(GoString.Concat(GoString.Concat(user, ":"), GoString.FromUtf8(Bcrypt(Str(a, 1)))));
        });
        Fn(m, "genPrivateKey", S, [S], static (ctx, a) =>
        {
            ctx.CheckBudget();
            return Ok(GoString.FromUtf8(GeneratePrivateKey(Str(a, 0).ToUtf8String())));
        });
        Fn(m, "derivePassword", S, [U32, S, S, S, S], static (ctx, a) =>
        {
            ctx.CheckBudget();
            return Ok(DerivePassword(CounterOf(a[0]), Str(a, 1).ToUtf8String(), Str(a, 2), Str(a, 3), Str(a, 4)));
        });
        Fn(m, "buildCustomCert", Cert, [S, S], static (_, a) => BuildCustomCert(Str(a, 0), Str(a, 1)), returnsError: true);
        Fn(m, "genCA", Cert, [S, I], static (ctx, a) => Gen(ctx, Str(a, 0), null, null, Int(a, 1), isCa: true, null, null), returnsError: true);
        Fn(m, "genCAWithKey", Cert, [S, I, S], static (ctx, a) => Gen(ctx, Str(a, 0), null, null, Int(a, 1), isCa: true, null, Str(a, 2)), returnsError: true);
        Fn(m, "genSelfSignedCert", Cert, [S, LA, LA, I], static (ctx, a) => Gen(ctx, Str(a, 0), a[1], a[2], Int(a, 3), isCa: false, null, null), returnsError: true);
        Fn(m, "genSelfSignedCertWithKey", Cert, [S, LA, LA, I, S], static (ctx, a) => Gen(ctx, Str(a, 0), a[1], a[2], Int(a, 3), isCa: false, null, Str(a, 4)), returnsError: true);
        Fn(m, "genSignedCert", Cert, [S, LA, LA, I, Cert], static (ctx, a) => Gen(ctx, Str(a, 0), a[1], a[2], Int(a, 3), isCa: false, (SprigCertificate)a[4]!, null), returnsError: true);
        Fn(m, "genSignedCertWithKey", Cert, [S, LA, LA, I, Cert, S], static (ctx, a) => Gen(ctx, Str(a, 0), a[1], a[2], Int(a, 3), isCa: false, (SprigCertificate)a[4]!, Str(a, 5)), returnsError: true);
        Fn(m, "encryptAES", S, [S, S], static (_, a) => Ok(EncryptAes(Str(a, 0), Str(a, 1))), returnsError: true);
        Fn(m, "decryptAES", S, [S, S], static (_, a) => DecryptAes(Str(a, 0), Str(a, 1)), returnsError: true);
    }

    private static uint CounterOf(object? v) => v switch
    {
        long l => unchecked((uint)l),
        ulong u => unchecked((uint)u),
        GoInt64 i => unchecked((uint)i.Value),
        _ => 0,
    };

    // Go's x/crypto/bcrypt at DefaultCost (10), "$2a$" hashes; newer x/crypto (ESO) rejects > 72 bytes.
    private static string Bcrypt(GoString input)
    {
        if (input.Length > 72)
        {
            return "failed to encrypt string with bcrypt: bcrypt: password length exceeds 72 bytes";
        }

        return BCrypt.Net.BCrypt.HashPassword(input.ToUtf8String(), BCrypt.Net.BCrypt.GenerateSalt(10, 'a'));
    }

    private static readonly Dictionary<string, string[]> PasswordTemplates = new(StringComparer.Ordinal)
    {
        ["maximum"] = ["anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno"],
        ["long"] =
        [
            "CvcvnoCvcvCvcv", "CvcvCvcvnoCvcv", "CvcvCvcvCvcvno", "CvccnoCvcvCvcv", "CvccCvcvnoCvcv",
            "CvccCvcvCvcvno", "CvcvnoCvccCvcv", "CvcvCvccnoCvcv", "CvcvCvccCvcvno", "CvcvnoCvcvCvcc",
            "CvcvCvcvnoCvcc", "CvcvCvcvCvccno", "CvccnoCvccCvcv", "CvccCvccnoCvcv", "CvccCvccCvcvno",
            "CvcvnoCvccCvcc", "CvcvCvccnoCvcc", "CvcvCvccCvccno", "CvccnoCvcvCvcc", "CvccCvcvnoCvcc",
            "CvccCvcvCvccno",
        ],
        ["medium"] = ["CvcnoCvc", "CvcCvcno"],
        ["short"] = ["Cvcn"],
        ["basic"] = ["aaanaaan", "aannaaan", "aaannaaa"],
        ["pin"] = ["nnnn"],
    };

    private static readonly Dictionary<char, string> TemplateCharacters = new()
    {
        ['V'] = "AEIOU",
        ['C'] = "BCDFGHJKLMNPQRSTVWXYZ",
        ['v'] = "aeiou",
        ['c'] = "bcdfghjklmnpqrstvwxyz",
        ['A'] = "AEIOUBCDFGHJKLMNPQRSTVWXYZ",
        ['a'] = "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz",
        ['n'] = "0123456789",
        ['o'] = "@&%?,=[]_:-+*$#!'^~;()/.",
        ['x'] = "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()",
    };

    /// <summary>The Master Password algorithm (Lyndir): scrypt(password, seed‖len(user)‖user) keys an HMAC over seed‖len(site)‖site‖counter.</summary>
    private static GoString DerivePassword(uint counter, string type, GoString password, GoString user, GoString site)
    {
        if (!PasswordTemplates.TryGetValue(type, out var templates))
        {
            return GoString.FromUtf8("cannot find password template " + type);
        }

        var seed = "com.lyndir.masterpassword"u8;
        var salt = new byte[seed.Length + 4 + user.Length];
        seed.CopyTo(salt);
        BinaryPrimitives.WriteUInt32BigEndian(salt.AsSpan(seed.Length), (uint)user.Length);
        user.Span.CopyTo(salt.AsSpan(seed.Length + 4));
        var key = Scrypt.DeriveKey(password.ToArray(), salt, 32768, 8, 2, 64);
        var message = new byte[seed.Length + 4 + site.Length + 4];
        seed.CopyTo(message);
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(seed.Length), (uint)site.Length);
        site.Span.CopyTo(message.AsSpan(seed.Length + 4));
        BinaryPrimitives.WriteUInt32BigEndian(message.AsSpan(seed.Length + 4 + site.Length), counter);
        var h = HMACSHA256.HashData(key, message);
        var temp = templates[h[0] % templates.Length];
        var sb = new StringBuilder(temp.Length);
        for (var i = 0; i < temp.Length; i++)
        {
            var chars = TemplateCharacters[temp[i]];
            sb.Append(chars[h[i + 1] % chars.Length]);
        }

        return GoString.FromUtf8(sb.ToString());
    }

    private static string GeneratePrivateKey(string type)
    {
        switch (type)
        {
            case "" or "rsa":
                {
                    using var rsa = RSA.Create(4096);
                    return GoPem.Encode("RSA PRIVATE KEY", rsa.ExportRSAPrivateKey());
                }

            case "dsa":
                {
#pragma warning disable CA5384 // sprig's genPrivateKey "dsa" is defined as DSA (L2048N256); we only reproduce it.
                    using var dsa = DSA.Create(2048);
#pragma warning restore CA5384
                    return GoPem.Encode("DSA PRIVATE KEY", EncodeDsa(dsa.ExportParameters(includePrivateParameters: true)));
                }

            case "ecdsa":
                {
                    using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                    return GoPem.Encode("EC PRIVATE KEY", ec.ExportECPrivateKey());
                }

            case "ed25519":
                // PKCS#8 of an Ed25519 key is just its 32-byte seed (RFC 8410); the BCL has no Ed25519 type.
                return GoPem.Encode("PRIVATE KEY", Ed25519Pkcs8(RandomNumberGenerator.GetBytes(32)));
            default:
                return "Unknown type " + type;
        }
    }

    internal static byte[] Ed25519Pkcs8(ReadOnlySpan<byte> seed)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            w.WriteInteger(0);
            using (w.PushSequence())
            {
                w.WriteObjectIdentifier("1.3.101.112");
            }

            var inner = new AsnWriter(AsnEncodingRules.DER);
            inner.WriteOctetString(seed);
            w.WriteOctetString(inner.Encode());
        }

        return w.Encode();
    }

    // OpenSSL's "DSA PRIVATE KEY": SEQUENCE { version 0, p, q, g, y, x }.
    private static byte[] EncodeDsa(DSAParameters p)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            w.WriteInteger(0);
            foreach (var n in new[] { p.P!, p.Q!, p.G!, p.Y!, p.X! })
            {
                w.WriteIntegerUnsigned(n);
            }
        }

        return w.Encode();
    }

    /// <summary>A parsed private key from sprig's parsePrivateKeyPEM (RSA, EC, PKCS#8; DSA and Ed25519 cannot sign certificates here).</summary>
    private static AsymmetricAlgorithm ParsePrivateKeyPem(GoString pem, string context)
    {
        var block = GoPem.Decode(pem.Span, out _) ?? throw new CryptographicException(context + "no PEM data in input");
        try
        {
            switch (block.Type)
            {
                case "PRIVATE KEY":
                    {
                        try
                        {
                            var rsa = RSA.Create();
                            rsa.ImportPkcs8PrivateKey(block.Bytes, out _);
                            return rsa;
                        }
                        catch (CryptographicException)
                        {
                            var ec = ECDsa.Create();
                            ec.ImportPkcs8PrivateKey(block.Bytes, out _);
                            return ec;
                        }
                    }

                case "RSA PRIVATE KEY":
                    {
                        var rsa = RSA.Create();
                        rsa.ImportRSAPrivateKey(block.Bytes, out _);
                        return rsa;
                    }

                case "EC PRIVATE KEY":
                    {
                        var ec = ECDsa.Create();
                        ec.ImportECPrivateKey(block.Bytes, out _);
                        return ec;
                    }

                default:
                    if (!block.Type.EndsWith(" PRIVATE KEY", StringComparison.Ordinal))
                    {
                        throw new CryptographicException(context + "no private key data in PEM block of type " + block.Type);
                    }

                    throw new CryptographicException(context + "invalid private key type " + block.Type);
            }
        }
        catch (CryptographicException e) when (!e.Message.StartsWith(context, StringComparison.Ordinal))
        {
            throw new CryptographicException(context + "decoding PEM: " + e.Message, e);
        }
    }

    private static string KeyPem(AsymmetricAlgorithm key) => key switch
    {
        RSA rsa => GoPem.Encode("RSA PRIVATE KEY", rsa.ExportRSAPrivateKey()),
        ECDsa ec => GoPem.Encode("EC PRIVATE KEY", ec.ExportECPrivateKey()),
        _ => throw new CryptographicException("unsupported key type"),
    };

    private static GoResult BuildCustomCert(GoString b64cert, GoString b64key)
    {
        var cert = GoBase.Base64Decode(b64cert.Span, out _);
        if (cert is null)
        {
            return GoResult.Fail("unable to decode base64 certificate");
        }

        var key = GoBase.Base64Decode(b64key.Span, out _);
        if (key is null)
        {
            return GoResult.Fail("unable to decode base64 private key");
        }

        var block = GoPem.Decode(cert, out _);
        if (block is null)
        {
            return GoResult.Fail("unable to decode certificate");
        }

        try
        {
            using var parsed = X509CertificateLoader.LoadCertificate(block.Bytes);
        }
        catch (CryptographicException e)
        {
            return GoResult.Fail("error parsing certificate: decodedCert.Bytes: " + e.Message);
        }

        try
        {
            using var k = ParsePrivateKeyPem(GoString.Wrap(key), string.Empty);
        }
        catch (CryptographicException e)
        {
            return GoResult.Fail("error parsing private key: " + e.Message);
        }

        return Ok(new SprigCertificate(GoString.Wrap(cert), GoString.Wrap(key)));
    }

    private static GoResult Gen(FunctionContext ctx, GoString cn, object? ips, object? dns, long daysValid, bool isCa, SprigCertificate? ca, GoString? keyPem)
    {
        ctx.CheckBudget();
        AsymmetricAlgorithm key;
        try
        {
            key = keyPem is null ? RSA.Create(2048) : ParsePrivateKeyPem(keyPem, string.Empty);
        }
        catch (CryptographicException e)
        {
            return GoResult.Fail("parsing private key: " + e.Message);
        }

        using (key)
        {
            var san = new SubjectAlternativeNameBuilder();
            var hasSan = false;
            foreach (var ip in (ips as GoList) ?? [])
            {
                if (ip is not GoString s)
                {
                    return GoResult.Fail("error parsing ip: " + SprigValues.Strval(ip) + " is not a string");
                }

                if (!IPAddress.TryParse(s.ToUtf8String(), out var addr) || s.ToUtf8String().Contains('%', StringComparison.Ordinal))
                {
                    return GoResult.Fail("error parsing ip: " + s);
                }

                san.AddIpAddress(addr);
                hasSan = true;
            }

            foreach (var d in (dns as GoList) ?? [])
            {
                if (d is not GoString s)
                {
                    return GoResult.Fail("error processing alternate dns name: " + SprigValues.Strval(d) + " is not a string");
                }

                san.AddDnsName(s.ToUtf8String());
                hasSan = true;
            }

            var subject = new X500DistinguishedName("CN=" + EscapeDn(cn.ToUtf8String()));
            var request = key switch
            {
                RSA rsa => new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
                ECDsa ec => new CertificateRequest(subject, ec, HashAlgorithmName.SHA256),
                _ => throw new CryptographicException("unsupported key type"),
            };
            var usage = X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DigitalSignature | (isCa ? X509KeyUsageFlags.KeyCertSign : 0);
            request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, critical: true));
            if (!isCa)
            {
                request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(
                    [new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], critical: false));
            }

            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(isCa, false, 0, critical: true));
            if (hasSan)
            {
                request.CertificateExtensions.Add(san.Build());
            }

            if (isCa)
            {
                request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
            }

            var now = ctx.Time.GetUtcNow();
            var notAfter = now.AddDays(daysValid);
            var serial = RandomNumberGenerator.GetBytes(16);
            serial[0] &= 0x7F;
            try
            {
                byte[] der;
                if (ca is null)
                {
                    var generator = key is RSA r ? X509SignatureGenerator.CreateForRSA(r, RSASignaturePadding.Pkcs1) : X509SignatureGenerator.CreateForECDsa((ECDsa)key);
                    using var cert = request.Create(subject, generator, now, notAfter, serial);
                    der = cert.RawData;
                }
                else
                {
                    var caBlock = GoPem.Decode(ca.Cert.Span, out _);
                    if (caBlock is null)
                    {
                        return GoResult.Fail("unable to decode certificate");
                    }

                    using var caCert = X509CertificateLoader.LoadCertificate(caBlock.Bytes);
                    AsymmetricAlgorithm caKey;
                    try
                    {
                        caKey = ParsePrivateKeyPem(ca.Key, string.Empty);
                    }
                    catch (CryptographicException e)
                    {
                        return GoResult.Fail("error parsing private key: " + e.Message);
                    }

                    using (caKey)
                    {
                        var generator = caKey is RSA r ? X509SignatureGenerator.CreateForRSA(r, RSASignaturePadding.Pkcs1) : X509SignatureGenerator.CreateForECDsa((ECDsa)caKey);
                        var ski = caCert.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault();
                        if (ski?.SubjectKeyIdentifierBytes is { } skiBytes)
                        {
                            request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromSubjectKeyIdentifier(skiBytes.Span));
                        }

                        using var cert = request.Create(caCert.SubjectName, generator, now, notAfter, serial);
                        der = cert.RawData;
                    }
                }

                return Ok(new SprigCertificate(GoString.FromUtf8(GoPem.Encode("CERTIFICATE", der)), GoString.FromUtf8(KeyPem(key))));
            }
            catch (CryptographicException e)
            {
                return GoResult.Fail("error creating certificate: " + e.Message);
            }
        }
    }

    private static string EscapeDn(string value)
    {
        var sb = new StringBuilder();
        foreach (var c in value)
        {
            if (",+\"\\<>;=#".Contains(c, StringComparison.Ordinal))
            {
                sb.Append('\\');
            }

            sb.Append(c);
        }

        return sb.ToString();
    }

    private static byte[] AesKey(GoString password)
    {
        var key = new byte[32];
        password.Span[..Math.Min(32, password.Length)].CopyTo(key);
        return key;
    }

    private static GoString EncryptAes(GoString password, GoString plaintext)
    {
        if (plaintext.Length == 0)
        {
            return GoString.Empty;
        }

        using var aes = Aes.Create();
        aes.Key = AesKey(password);
        var iv = RandomNumberGenerator.GetBytes(16);
        var cipher = aes.EncryptCbc(plaintext.Span, iv, PaddingMode.PKCS7);
        var output = new byte[16 + cipher.Length];
        iv.CopyTo(output, 0);
        cipher.CopyTo(output, 16);
        return GoString.FromUtf8(Convert.ToBase64String(output));
    }

    private static GoResult DecryptAes(GoString password, GoString crypt64)
    {
        if (crypt64.Length == 0)
        {
            return Ok(GoString.Empty);
        }

        var crypt = GoBase.Base64Decode(crypt64.Span, out var err);
        if (crypt is null)
        {
            return GoResult.Fail(err!);
        }

        if (crypt.Length < 16)
        {
            throw SprigStrings.SliceBounds(string.Create(CultureInfo.InvariantCulture, $"[:16] with capacity {crypt.Length}"));
        }

        var body = crypt.AsSpan(16);
        if (body.Length % 16 != 0)
        {
            throw new InvalidOperationException("crypto/cipher: input not full blocks");
        }

        if (body.Length == 0)
        {
            throw new InvalidOperationException("runtime error: index out of range [-1]");
        }

        using var aes = Aes.Create();
        aes.Key = AesKey(password);
        var plain = aes.DecryptCbc(body, crypt.AsSpan(0, 16), PaddingMode.None);

        // sprig strips as many bytes as the last byte says, without checking the padding.
        var pad = plain[^1];
        if (pad > plain.Length)
        {
            throw SprigStrings.SliceBounds(string.Create(CultureInfo.InvariantCulture, $"[:{plain.Length - pad}]"));
        }

        return Ok(GoString.Wrap(plain[..(plain.Length - pad)]));
    }

}
