using System.Security.Cryptography;
using ExternalSecrets.Templating.Functions.Sprig;
using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating.Functions.Eso;

/// <summary>
/// ESO's <c>jwkPublicKeyPem</c> and <c>jwkPrivateKeyPem</c>: a JWK (RSA, EC P-256/384/521,
/// OKP Ed25519) to a PKIX <c>PUBLIC KEY</c> or PKCS#8 <c>PRIVATE KEY</c> PEM. As in ESO, a private
/// JWK given to <c>jwkPublicKeyPem</c> (or a public one to <c>jwkPrivateKeyPem</c>) is an error,
/// because Go's marshalers reject the other key kind.
/// </summary>
internal static class EsoJwk
{
    public static void Register(FuncMap m)
    {
        m.Add(GoFunction.Fixed("jwkPublicKeyPem", GoType.String, [GoType.String], static (_, a) => Convert((GoString)a[0]!, publicKey: true), returnsError: true));
        m.Add(GoFunction.Fixed("jwkPrivateKeyPem", GoType.String, [GoType.String], static (_, a) => Convert((GoString)a[0]!, publicKey: false), returnsError: true));
    }

    private static GoResult Convert(GoString json, bool publicKey)
    {
        try
        {
            var jwk = GoJsonCodec.Unmarshal(json.Span, out var err) as GoMap
                ?? throw new EsoException("failed to unmarshal JSON into key hint: " + (err ?? "not a JSON object"));
            var kty = Field(jwk, "kty") ?? throw new EsoException("invalid key type from JSON ()");
            var isPrivate = jwk.ContainsKey("d");
            return kty switch
            {
                "RSA" => GoResult.Ok(GoString.FromUtf8(Rsa(jwk, publicKey, isPrivate))),
                "EC" => GoResult.Ok(GoString.FromUtf8(Ec(jwk, publicKey, isPrivate))),
                "OKP" => GoResult.Ok(GoString.FromUtf8(Okp(jwk, publicKey, isPrivate))),
                "oct" => throw new EsoException(publicKey ? "x509: unsupported public key type: []uint8" : "x509: unknown key type while marshaling PKCS#8: []uint8"),
                _ => throw new EsoException("invalid key type from JSON (" + kty + ")"),
            };
        }
        catch (EsoException e)
        {
            return GoResult.Fail(e.Message);
        }
        catch (CryptographicException e)
        {
            return GoResult.Fail("failed to create key: " + e.Message);
        }
    }

    private static string? Field(GoMap jwk, string name) => jwk.TryGetValue(name, out var v) && v is GoString s ? s.ToUtf8String() : null;

    private static byte[] B64(GoMap jwk, string name)
    {
        var text = Field(jwk, name) ?? throw new EsoException("required field " + name + " is missing");
        try
        {
            return Base64Url(text);
        }
        catch (FormatException e)
        {
            throw new EsoException("failed to decode field " + name + ": " + e.Message, e);
        }
    }

    private static byte[] Base64Url(string s)
    {
        s = s.TrimEnd('=').Replace('-', '+').Replace('_', '/');
        s = s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
        return System.Convert.FromBase64String(s);
    }

    private static void CheckKind(bool publicKey, bool isPrivate, string goType)
    {
        if (publicKey && isPrivate)
        {
            throw new EsoException("x509: unsupported public key type: *" + goType + ".PrivateKey");
        }

        if (!publicKey && !isPrivate)
        {
            throw new EsoException("x509: unknown key type while marshaling PKCS#8: *" + goType + ".PublicKey");
        }
    }

    private static string Rsa(GoMap jwk, bool publicKey, bool isPrivate)
    {
        CheckKind(publicKey, isPrivate, "rsa");
        var p = new RSAParameters { Modulus = B64(jwk, "n"), Exponent = B64(jwk, "e") };
        using var rsa = RSA.Create();
        if (!isPrivate)
        {
            rsa.ImportParameters(p);
            return GoPem.Encode("PUBLIC KEY", rsa.ExportSubjectPublicKeyInfo());
        }

        // The BCL needs the CRT parameters padded to the modulus halves.
        var half = (p.Modulus.Length + 1) / 2;
        p.D = Pad(B64(jwk, "d"), p.Modulus.Length);
        p.P = Pad(B64(jwk, "p"), half);
        p.Q = Pad(B64(jwk, "q"), half);
        p.DP = Pad(B64(jwk, "dp"), half);
        p.DQ = Pad(B64(jwk, "dq"), half);
        p.InverseQ = Pad(B64(jwk, "qi"), half);
        rsa.ImportParameters(p);
        return GoPem.Encode("PRIVATE KEY", rsa.ExportPkcs8PrivateKey());
    }

    private static string Ec(GoMap jwk, bool publicKey, bool isPrivate)
    {
        CheckKind(publicKey, isPrivate, "ecdsa");
        var curve = Field(jwk, "crv") switch
        {
            "P-256" => ECCurve.NamedCurves.nistP256,
            "P-384" => ECCurve.NamedCurves.nistP384,
            "P-521" => ECCurve.NamedCurves.nistP521,
            var c => throw new EsoException("invalid curve algorithm " + c),
        };
        var size = curve.Oid.FriendlyName switch
        {
            "nistP256" or "ECDSA_P256" => 32,
            "nistP384" or "ECDSA_P384" => 48,
            _ => 66,
        };
        var p = new ECParameters
        {
            Curve = curve,
            Q = new ECPoint { X = Pad(B64(jwk, "x"), size), Y = Pad(B64(jwk, "y"), size) },
        };
        if (isPrivate)
        {
            p.D = Pad(B64(jwk, "d"), size);
        }

        using var ec = ECDsa.Create(p);
        if (!isPrivate)
        {
            return GoPem.Encode("PUBLIC KEY", ec.ExportSubjectPublicKeyInfo());
        }

        using var key = new EsoKeys.Key { Ec = ECDsa.Create(p) };
        return GoPem.Encode("PRIVATE KEY", EsoKeys.MarshalPkcs8(key));
    }

    private static string Okp(GoMap jwk, bool publicKey, bool isPrivate)
    {
        if (Field(jwk, "crv") != "Ed25519")
        {
            throw new EsoException("invalid curve algorithm " + Field(jwk, "crv"));
        }

        CheckKind(publicKey, isPrivate, "ed25519");
        if (isPrivate)
        {
            return GoPem.Encode("PRIVATE KEY", SprigCryptoAccess.Ed25519Pkcs8(B64(jwk, "d")));
        }

        // SubjectPublicKeyInfo { AlgorithmIdentifier { id-Ed25519 }, BIT STRING key } (RFC 8410).
        var w = new System.Formats.Asn1.AsnWriter(System.Formats.Asn1.AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            using (w.PushSequence())
            {
                w.WriteObjectIdentifier("1.3.101.112");
            }

            w.WriteBitString(B64(jwk, "x"));
        }

        return GoPem.Encode("PUBLIC KEY", w.Encode());
    }

    private static byte[] Pad(byte[] value, int size)
    {
        if (value.Length >= size)
        {
            return value;
        }

        var padded = new byte[size];
        value.CopyTo(padded, size - value.Length);
        return padded;
    }
}
