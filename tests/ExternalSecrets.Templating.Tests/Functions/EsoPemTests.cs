namespace ExternalSecrets.Templating.Tests.Functions;

/// <summary>ESO's filterPEM, filterCertChain and certSANs on openssl-made certificates.</summary>
public sealed class EsoPemTests(EsoFixture fx) : IClassFixture<EsoFixture>
{
    private static Dictionary<string, string> Input(string text) => new() { ["in"] = text };

    [Fact]
    public void FilterPEM_keeps_blocks_of_the_type_case_insensitively_and_skips_leading_junk()
    {
        var input = "junk before\n" + fx.Read("leaf.key") + fx.Read("leaf.crt") + fx.Read("int.crt");
        Assert.Equal(fx.CertPem("leaf.crt") + fx.CertPem("int.crt"), Render.Text("{{ .in | filterPEM \"certificate\" }}", Input(input)));
        Assert.Equal(fx.Read("leaf.key"), Render.Text("{{ .in | filterPEM \"PRIVATE KEY\" }}", Input(input)));
        Assert.Equal(string.Empty, Render.Text("{{ .in | filterPEM \"EC PRIVATE KEY\" }}", Input(input)));
    }

    [Fact]
    public void FilterPEM_on_junk_only_fails_with_esos_error()
    {
        Assert.Contains("error calling filterPEM: error filtering pem: found junk", Render.Error("{{ .in | filterPEM \"CERTIFICATE\" }}", Input("not pem at all")), StringComparison.Ordinal);
        Assert.Equal(string.Empty, Render.Text("{{ .in | filterPEM \"CERTIFICATE\" }}", Input(string.Empty)));
    }

    [Fact]
    public void FilterCertChain_picks_leaf_intermediate_and_root_from_an_unordered_chain()
    {
        var input = fx.Read("root.crt") + fx.Read("leaf.crt") + fx.Read("int.crt");
        Assert.Equal(fx.CertPem("leaf.crt"), Render.Text("{{ .in | filterCertChain \"leaf\" }}", Input(input)));
        Assert.Equal(fx.CertPem("int.crt"), Render.Text("{{ .in | filterCertChain \"intermediate\" }}", Input(input)));
        Assert.Equal(fx.CertPem("root.crt"), Render.Text("{{ .in | filterCertChain \"root\" }}", Input(input)));
        Assert.Equal(string.Empty, Render.Text("{{ .in | filterCertChain \"other\" }}", Input(input)));
    }

    [Fact]
    public void FilterCertChain_of_a_lone_root_has_no_leaf()
    {
        Assert.Equal(string.Empty, Render.Text("{{ .in | filterCertChain \"leaf\" }}", Input(fx.Read("root.crt"))));
        Assert.Equal(fx.CertPem("root.crt"), Render.Text("{{ .in | filterCertChain \"root\" }}", Input(fx.Read("root.crt"))));
    }

    [Fact]
    public void FilterCertChain_with_two_leaves_reports_disjunct_certificates()
    {
        var error = Render.Error("{{ .in | filterCertChain \"leaf\" }}", Input(fx.Read("leaf.crt") + fx.Read("ec.crt")));
        Assert.Contains("found multiple leaf or disjunct certificates", error, StringComparison.Ordinal);
    }

    [Fact]
    public void CertSANs_lists_dns_names_then_ips_then_emails_then_uris()
    {
        var output = Render.Text("{{ range .in | certSANs }}{{ . }};{{ end }}", Input(fx.Read("leaf.crt")));
        Assert.Equal("foo.example.com;bar.example.com;10.0.0.1;2001:db8::1;ops@example.com;spiffe://example/ns/a;", output);
        Assert.Equal("[]string", Render.Text("{{ typeOf (.in | certSANs) }}", Input(fx.Read("root.crt"))));
    }

    [Fact]
    public void CertSANs_without_pem_fails_with_esos_error()
    {
        Assert.Contains("error calling certSANs: failed to decode PEM block", Render.Error("{{ certSANs \"x\" }}"), StringComparison.Ordinal);
    }
}
