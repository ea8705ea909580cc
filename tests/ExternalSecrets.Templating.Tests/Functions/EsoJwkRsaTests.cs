using System.Security.Cryptography;
using System.Text.Json;

namespace ExternalSecrets.Templating.Tests.Functions;

/// <summary>ESO's jwkPublicKeyPem/jwkPrivateKeyPem and rsaDecrypt, checked against openssl.</summary>
public sealed class EsoJwkRsaTests(EsoFixture fx) : IClassFixture<EsoFixture>
{
    private static string B64Url(byte[] b) => Convert.ToBase64String(b).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private string RsaJwk(bool withPrivate)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(fx.Read("leaf.key"));
        var p = rsa.ExportParameters(includePrivateParameters: true);
        var jwk = new Dictionary<string, string> { ["kty"] = "RSA", ["n"] = B64Url(p.Modulus!), ["e"] = B64Url(p.Exponent!) };
        if (withPrivate)
        {
            jwk["d"] = B64Url(p.D!);
            jwk["p"] = B64Url(p.P!);
            jwk["q"] = B64Url(p.Q!);
            jwk["dp"] = B64Url(p.DP!);
            jwk["dq"] = B64Url(p.DQ!);
            jwk["qi"] = B64Url(p.InverseQ!);
        }

        return JsonSerializer.Serialize(jwk);
    }

    private string EcJwk(bool withPrivate)
    {
        using var ec = ECDsa.Create();
        ec.ImportFromPem(fx.Read("ec.key"));
        var p = ec.ExportParameters(includePrivateParameters: true);
        var jwk = new Dictionary<string, string> { ["kty"] = "EC", ["crv"] = "P-256", ["x"] = B64Url(p.Q.X!), ["y"] = B64Url(p.Q.Y!) };
        if (withPrivate)
        {
            jwk["d"] = B64Url(p.D!);
        }

        return JsonSerializer.Serialize(jwk);
    }

    [Fact]
    public void JwkPublicKeyPem_of_an_rsa_jwk_is_opensslʼs_public_key_pem()
    {
        var output = Render.Text("{{ .jwk | jwkPublicKeyPem }}", new Dictionary<string, string> { ["jwk"] = RsaJwk(withPrivate: false) });
        Assert.Equal(fx.Ssl("pkey", "-in", "leaf.key", "-pubout"), output);
    }

    [Fact]
    public void JwkPrivateKeyPem_of_an_rsa_jwk_is_opensslʼs_pkcs8()
    {
        var output = Render.Text("{{ .jwk | jwkPrivateKeyPem }}", new Dictionary<string, string> { ["jwk"] = RsaJwk(withPrivate: true) });
        Assert.Equal(fx.Pkcs8("leaf.key"), output);
    }

    [Fact]
    public void Ec_jwks_convert_like_openssl()
    {
        var pub = Render.Text("{{ .jwk | jwkPublicKeyPem }}", new Dictionary<string, string> { ["jwk"] = EcJwk(withPrivate: false) });
        Assert.Equal(fx.Ssl("pkey", "-in", "ec.key", "-pubout"), pub);
        var priv = Render.Text("{{ .jwk | jwkPrivateKeyPem }}", new Dictionary<string, string> { ["jwk"] = EcJwk(withPrivate: true) });
        Assert.Equal(fx.Pkcs8("ec.key"), priv);
    }

    [Fact]
    public void The_wrong_key_half_fails_as_gos_marshalers_do()
    {
        var e1 = Render.Error("{{ .jwk | jwkPublicKeyPem }}", new Dictionary<string, string> { ["jwk"] = RsaJwk(withPrivate: true) });
        Assert.Contains("x509: unsupported public key type: *rsa.PrivateKey", e1, StringComparison.Ordinal);
        var e2 = Render.Error("{{ .jwk | jwkPrivateKeyPem }}", new Dictionary<string, string> { ["jwk"] = EcJwk(withPrivate: false) });
        Assert.Contains("x509: unknown key type while marshaling PKCS#8: *ecdsa.PublicKey", e2, StringComparison.Ordinal);
        Assert.Contains("error calling jwkPublicKeyPem:", Render.Error("{{ jwkPublicKeyPem \"{not json\" }}"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("SHA256", "sha256")]
    [InlineData("SHA1", "sha1")]
    [InlineData("SHA512", "sha512")]
    [InlineData("None", "sha256")]
    public void RsaDecrypt_reverses_opensslʼs_oaep_encryption(string hash, string opensslDigest)
    {
        File.WriteAllText(Path.Combine(fx.Dir, "plain.txt"), "db-password-42");
        fx.Ssl("pkeyutl", "-encrypt", "-inkey", "leaf.key", "-in", "plain.txt", "-out", "cipher-" + opensslDigest + ".bin",
            "-pkeyopt", "rsa_padding_mode:oaep", "-pkeyopt", "rsa_oaep_md:" + opensslDigest, "-pkeyopt", "rsa_mgf1_md:" + opensslDigest);
        var data = new Dictionary<string, byte[]>
        {
            ["key"] = fx.ReadBytes("leaf.key"),
            ["data"] = fx.ReadBytes("cipher-" + opensslDigest + ".bin"),
        };
        Assert.Equal("db-password-42", Render.Text("{{ .key | rsaDecrypt \"RSA-OAEP\" \"" + hash + "\" .data }}", data));
    }

    [Fact]
    public void RsaDecrypt_passes_through_with_scheme_none_and_rejects_other_schemes()
    {
        Assert.Equal("as-is", Render.Text("{{ rsaDecrypt \"None\" \"SHA256\" \"as-is\" \"no key\" }}"));
        Assert.Contains("decryption scheme RSA-PKCS1 is not supported", Render.Error("{{ rsaDecrypt \"RSA-PKCS1\" \"SHA256\" \"x\" \"k\" }}"), StringComparison.Ordinal);
        Assert.Contains("failed to decode PEM block", Render.Error("{{ rsaDecrypt \"RSA-OAEP\" \"SHA256\" \"x\" \"k\" }}"), StringComparison.Ordinal);
        var wrong = Render.Error("{{ .key | rsaDecrypt \"RSA-OAEP\" \"SHA256\" \"not ciphertext\" }}", new Dictionary<string, string> { ["key"] = fx.Read("leaf.key") });
        Assert.Contains("error decrypting data with RSA", wrong, StringComparison.Ordinal);
    }
}
