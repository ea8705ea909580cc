namespace ExternalSecrets.Templating.Tests.Functions;

/// <summary>ESO's PKCS#12 functions against archives and keys made by the real openssl.</summary>
public sealed class EsoPkcs12Tests(EsoFixture fx) : IClassFixture<EsoFixture>
{
    private Dictionary<string, byte[]> Data(params (string Key, string File)[] files) =>
        files.ToDictionary(f => f.Key, f => fx.ReadBytes(f.File));

    [Fact]
    public void Pkcs12keyPass_returns_the_key_openssl_put_in_as_pkcs8_pem()
    {
        var output = Render.Text("{{ .pfx | pkcs12keyPass \"1234\" }}", Data(("pfx", "leaf.pfx")));
        Assert.Equal(fx.Pkcs8("leaf.key"), output);
    }

    [Fact]
    public void Pkcs12key_reads_an_archive_sealed_with_an_empty_password()
    {
        var output = Render.Text("{{ .pfx | pkcs12key }}", Data(("pfx", "leaf-nopass.pfx")));
        Assert.Equal(fx.Pkcs8("leaf.key"), output);
    }

    [Fact]
    public void Pkcs12keyPass_returns_an_ec_key_in_gos_pkcs8_form()
    {
        var output = Render.Text("{{ .pfx | pkcs12keyPass \"ec\" }}", Data(("pfx", "ec.pfx")));
        Assert.Equal(fx.Pkcs8("ec.key"), output);
    }

    [Theory]
    [InlineData("leaf-3des.pfx")]
    [InlineData("leaf-legacy.pfx")]
    public void Archives_with_older_encryption_profiles_are_read(string file)
    {
        var output = Render.Text("{{ .pfx | pkcs12keyPass \"1234\" }}", Data(("pfx", file)));
        Assert.Equal(fx.Pkcs8("leaf.key"), output);
    }

    [Fact]
    public void A_wrong_password_fails_with_esos_message()
    {
        var error = Render.Error("{{ .pfx | pkcs12keyPass \"nope\" }}", Data(("pfx", "leaf.pfx")));
        Assert.Contains("error calling pkcs12keyPass: unable to decode pkcs12 with password: pkcs12: decryption password incorrect", error, StringComparison.Ordinal);
        var certError = Render.Error("{{ .pfx | pkcs12certPass \"nope\" }}", Data(("pfx", "leaf.pfx")));
        Assert.Contains("unable to decode pkcs12 certificate with password: pkcs12: decryption password incorrect", certError, StringComparison.Ordinal);
    }

    [Fact]
    public void Input_that_is_not_pkcs12_fails_without_echoing_the_input()
    {
        var error = Render.Error("{{ .pfx | pkcs12key }}", new Dictionary<string, string> { ["pfx"] = "s3cr3t-value" });
        Assert.Contains("unable to decode pkcs12 with password: pkcs12:", error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t-value", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Pkcs12certPass_returns_the_chain_leaf_first_then_intermediate_then_root()
    {
        var output = Render.Text("{{ .pfx | pkcs12certPass \"1234\" }}", Data(("pfx", "leaf.pfx")));
        Assert.Equal(fx.CertPem("leaf.crt") + fx.CertPem("int.crt") + fx.CertPem("root.crt"), output);
    }

    [Fact]
    public void PemToPkcs12Pass_builds_an_archive_openssl_opens_with_the_modern_profile()
    {
        var b64 = Render.Text("{{ pemToPkcs12Pass .cert .key \"pw\" }}", Data(("cert", "leaf.crt"), ("key", "leaf.key")));
        File.WriteAllBytes(Path.Combine(fx.Dir, "built.p12"), Convert.FromBase64String(b64));
        var info = OpenSsl.RunWithDiagnostics(fx.Dir, "pkcs12", "-in", "built.p12", "-passin", "pass:pw", "-info", "-noout");
        Assert.Contains("MAC: sha256, Iteration 2048", info, StringComparison.Ordinal);
        Assert.Contains("PBES2, PBKDF2, AES-256-CBC, Iteration 2048, PRF hmacWithSHA256", info, StringComparison.Ordinal);
        var key = fx.Ssl("pkcs12", "-in", "built.p12", "-passin", "pass:pw", "-nocerts", "-nodes");
        Assert.Contains(fx.Pkcs8("leaf.key").Trim(), key, StringComparison.Ordinal);
        var certs = fx.Ssl("pkcs12", "-in", "built.p12", "-passin", "pass:pw", "-nokeys");
        Assert.Contains(fx.CertPem("leaf.crt").Trim(), certs, StringComparison.Ordinal);
        Assert.Equal(1, CountCerts(certs));
    }

    [Fact]
    public void FullPemToPkcs12_adds_the_remaining_certificates_as_ca_certificates()
    {
        var chain = fx.Read("leaf.crt") + fx.Read("int.crt") + fx.Read("root.crt");
        var b64 = Render.Text("{{ fullPemToPkcs12 .cert .key }}", new Dictionary<string, string> { ["cert"] = chain, ["key"] = fx.Read("leaf.key") });
        File.WriteAllBytes(Path.Combine(fx.Dir, "full.p12"), Convert.FromBase64String(b64));
        var cas = fx.Ssl("pkcs12", "-in", "full.p12", "-passin", "pass:", "-nokeys", "-cacerts");
        Assert.Equal(2, CountCerts(cas));
        Assert.Contains(fx.CertPem("root.crt").Trim(), cas, StringComparison.Ordinal);

        // And the archive reads back through pkcs12key/pkcs12cert.
        var roundTrip = Render.Text("{{ .p12 | b64dec | pkcs12cert }}", new Dictionary<string, string> { ["p12"] = b64 });
        Assert.Equal(fx.CertPem("leaf.crt") + fx.CertPem("int.crt") + fx.CertPem("root.crt"), roundTrip);
    }

    [Fact]
    public void PemToPkcs12_with_an_ec_key_round_trips()
    {
        var output = Render.Text("{{ pemToPkcs12 .cert .key | b64dec | pkcs12key }}", Data(("cert", "ec.crt"), ("key", "ec.key")));
        Assert.Equal(fx.Pkcs8("ec.key"), output);
    }

    [Fact]
    public void PemTruststoreToPKCS12Pass_stores_every_certificate_without_a_key()
    {
        var b64 = Render.Text("{{ pemTruststoreToPKCS12Pass .certs \"trust\" }}", Data(("certs", "cas.pem")));
        File.WriteAllBytes(Path.Combine(fx.Dir, "trust.p12"), Convert.FromBase64String(b64));
        var certs = fx.Ssl("pkcs12", "-in", "trust.p12", "-passin", "pass:trust", "-nokeys");
        Assert.Equal(2, CountCerts(certs));
        Assert.Contains("friendlyName: CN=Test Root", certs, StringComparison.Ordinal);
    }

    [Fact]
    public void PemToPkcs12_without_pem_input_panics_like_go()
    {
        var error = Render.Error("{{ pemToPkcs12 \"junk\" \"junk\" }}");
        Assert.Contains("error calling pemToPkcs12: runtime error: invalid memory address or nil pointer dereference", error, StringComparison.Ordinal);
    }

    private static int CountCerts(string pem) =>
        pem.Split("-----BEGIN CERTIFICATE-----").Length - 1;
}
