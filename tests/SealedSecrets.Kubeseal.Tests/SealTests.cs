using System.Text.Json.Nodes;

namespace SealedSecrets.Kubeseal.Tests;

[Collection(SharedKeyMaterial.Name)]
public sealed class SealTests(KeyMaterial keys)
{
    private readonly KubesealRunner _kubeseal = new();

    [Fact]
    public async Task The_seed_Secret_seals_to_upstreams_YAML_structure()
    {
        var result = await _kubeseal.RunAsync(SeedSecret.Yaml, "--format=yaml", "--cert", keys.CertPath);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("---\napiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\nmetadata:\n  name: checkout-secrets\n  namespace: production\nspec:\n  encryptedData:\n    PAYMENT_API_KEY: Ag", result.Stdout, StringComparison.Ordinal);
        var sealedSecret = Assert.Single(Sealed.Parse(result.Stdout));
        var expected = JsonNode.Parse("""
            {"apiVersion":"bitnami.com/v1alpha1","kind":"SealedSecret",
             "metadata":{"name":"checkout-secrets","namespace":"production"},
             "spec":{"encryptedData":{"PAYMENT_API_KEY":"*","STRIPE_WEBHOOK_SECRET":"*"},
                     "template":{"metadata":{"name":"checkout-secrets","namespace":"production"}}}}
            """);
        Assert.True(JsonNode.DeepEquals(expected, Masked(sealedSecret)), Masked(sealedSecret).ToJsonString());
        Assert.Equal("sk_live_xxx", Sealed.Open(keys.Current.PrivateKey, sealedSecret, "PAYMENT_API_KEY", "production/checkout-secrets"));
        Assert.Equal("whsec_xxx", Sealed.Open(keys.Current.PrivateKey, sealedSecret, "STRIPE_WEBHOOK_SECRET", "production/checkout-secrets"));
    }

    [Fact]
    public async Task The_seed_Secret_seals_to_JSON_in_Go_field_order_by_default()
    {
        var result = await _kubeseal.RunAsync(SeedSecret.Json, "--cert", keys.CertPath);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("{\n  \"kind\": \"SealedSecret\",\n  \"apiVersion\": \"bitnami.com/v1alpha1\",\n  \"metadata\": {\n    \"name\": \"checkout-secrets\",\n    \"namespace\": \"production\"\n  },\n  \"spec\": {\n    \"template\": {", result.Stdout, StringComparison.Ordinal);
        Assert.EndsWith("}\n", result.Stdout, StringComparison.Ordinal);
        var sealedSecret = JsonNode.Parse(result.Stdout)!.AsObject();
        Assert.Equal("sk_live_xxx", Sealed.Open(keys.Current.PrivateKey, sealedSecret, "PAYMENT_API_KEY", "production/checkout-secrets"));
    }

    [Fact]
    public async Task StringData_is_sealed_and_wins_over_data_for_the_same_key()
    {
        const string input = """
            apiVersion: v1
            kind: Secret
            metadata: {name: s, namespace: ns, labels: {app: x}, annotations: {kubectl.kubernetes.io/last-applied-configuration: "{\"stringData\":{\"a\":\"leak\"}}"}}
            type: kubernetes.io/basic-auth
            data: {a: b2xk}
            stringData: {a: new, username: admin, port: "8080"}
            """;

        var result = await _kubeseal.RunAsync(input, "-o", "yaml", "--cert", keys.CertPath);

        var sealedSecret = Assert.Single(Sealed.Parse(result.Stdout));
        Assert.Equal("new", Sealed.Open(keys.Current.PrivateKey, sealedSecret, "a", "ns/s"));
        Assert.Equal("8080", Sealed.Open(keys.Current.PrivateKey, sealedSecret, "port", "ns/s"));
        Assert.Equal("kubernetes.io/basic-auth", sealedSecret["spec"]!["template"]!["type"]!.GetValue<string>());
        Assert.Equal("x", sealedSecret["spec"]!["template"]!["metadata"]!["labels"]!["app"]!.GetValue<string>());
        Assert.DoesNotContain("leak", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_input_Secrets_give_several_outputs()
    {
        var input = SeedSecret.Yaml + "---\n" + SeedSecret.Yaml.Replace("checkout-secrets", "second", StringComparison.Ordinal);

        var yaml = await _kubeseal.RunAsync(input, "-oyaml", "--cert", keys.CertPath);
        var json = await _kubeseal.RunAsync(SeedSecret.Json + SeedSecret.Json, "--cert", keys.CertPath);

        Assert.Equal(["checkout-secrets", "second"], Sealed.Parse(yaml.Stdout).Select(s => s["metadata"]!["name"]!.GetValue<string>()));
        Assert.Equal(2, Sealed.Parse(json.Stdout).Count);
    }

    [Theory]
    [InlineData("namespace-wide", "sealedsecrets.bitnami.com/namespace-wide", "production")]
    [InlineData("cluster-wide", "sealedsecrets.bitnami.com/cluster-wide", "")]
    public async Task A_scope_flag_annotates_the_result_and_changes_the_label(string scope, string annotation, string label)
    {
        var result = await _kubeseal.RunAsync(SeedSecret.Yaml, "-o", "yaml", "--scope", scope, "--cert", keys.CertPath);

        var sealedSecret = Assert.Single(Sealed.Parse(result.Stdout));
        Assert.Equal("true", sealedSecret["metadata"]!["annotations"]![annotation]!.GetValue<string>());
        Assert.Equal("true", sealedSecret["spec"]!["template"]!["metadata"]!["annotations"]![annotation]!.GetValue<string>());
        Assert.Equal("sk_live_xxx", Sealed.Open(keys.Current.PrivateKey, sealedSecret, "PAYMENT_API_KEY", label));
    }

    [Fact]
    public async Task A_scope_annotation_on_the_input_Secret_is_honoured()
    {
        var input = SeedSecret.Yaml.Replace("  creationTimestamp: null\n", "  annotations:\n    sealedsecrets.bitnami.com/namespace-wide: \"true\"\n", StringComparison.Ordinal);

        var result = await _kubeseal.RunAsync(input, "-o", "yaml", "--cert", keys.CertPath);

        Assert.Equal("sk_live_xxx", Sealed.Open(keys.Current.PrivateKey, Assert.Single(Sealed.Parse(result.Stdout)), "PAYMENT_API_KEY", "production"));
    }

    [Fact]
    public async Task A_Secret_without_namespace_takes_the_kubeconfig_contexts_namespace()
    {
        var kubeconfig = keys.Write("kubeconfig-" + Guid.NewGuid().ToString("N"), """
            apiVersion: v1
            kind: Config
            current-context: dev
            contexts:
            - name: other
              context: {cluster: c, namespace: wrong}
            - name: dev
              context: {cluster: c, user: u, namespace: team-a}
            """);
        _kubeseal.Environment["KUBECONFIG"] = "/does/not/exist:" + kubeconfig;
        var input = SeedSecret.Yaml.Replace("  namespace: production\n", string.Empty, StringComparison.Ordinal);

        var fromContext = await _kubeseal.RunAsync(input, "-o", "yaml", "--cert", keys.CertPath);
        _kubeseal.Environment.Remove("KUBECONFIG");
        var withoutConfig = await _kubeseal.RunAsync(input, "-o", "yaml", "--cert", keys.CertPath);
        var explicitNamespace = await _kubeseal.RunAsync(input, "-o", "yaml", "-n", "given", "--cert", keys.CertPath);

        Assert.Equal("team-a", Assert.Single(Sealed.Parse(fromContext.Stdout))["metadata"]!["namespace"]!.GetValue<string>());
        Assert.Equal("default", Assert.Single(Sealed.Parse(withoutConfig.Stdout))["metadata"]!["namespace"]!.GetValue<string>());
        Assert.Equal("sk_live_xxx", Sealed.Open(keys.Current.PrivateKey, Assert.Single(Sealed.Parse(explicitNamespace.Stdout)), "PAYMENT_API_KEY", "given/checkout-secrets"));
    }

    [Fact]
    public async Task The_certificate_can_come_from_SEALED_SECRETS_CERT_a_file_URL_or_http()
    {
        _kubeseal.Environment["SEALED_SECRETS_CERT"] = keys.CertPath;
        var fromEnvironment = await _kubeseal.RunAsync(SeedSecret.Yaml);
        _kubeseal.Environment.Clear();
        var fromFileUrl = await _kubeseal.RunAsync(SeedSecret.Yaml, "--cert", "file://" + keys.CertPath);
        _kubeseal.Http = new HttpClient(new StaticHandler(File.ReadAllBytes(keys.CertPath)));
        var fromHttp = await _kubeseal.RunAsync(SeedSecret.Yaml, "--cert", "https://certs.example/v1/cert.pem");
        var notFound = await _kubeseal.RunAsync(SeedSecret.Yaml, "--cert", "https://certs.example/missing");

        Assert.Equal(0, fromEnvironment.ExitCode);
        Assert.Equal(0, fromFileUrl.ExitCode);
        Assert.Equal(0, fromHttp.ExitCode);
        Assert.Equal("error: cannot fetch \"https://certs.example/missing\": 404 Not Found", notFound.Stderr);
    }

    [Fact]
    public async Task Fetch_cert_prints_the_certificate_it_was_given()
    {
        var result = await _kubeseal.RunAsync(string.Empty, "--fetch-cert", "--cert", keys.CertPath);

        Assert.Equal(File.ReadAllText(keys.CertPath), result.Stdout);
    }

    [Fact]
    public async Task Output_goes_to_the_sealed_secret_file_whose_yaml_extension_forces_yaml()
    {
        var target = Path.Combine(keys.Directory, Guid.NewGuid().ToString("N") + ".yaml");

        var result = await _kubeseal.RunAsync(SeedSecret.Json, "-w", target, "--cert", keys.CertPath);

        Assert.Equal(string.Empty, result.Stdout);
        Assert.StartsWith("---\napiVersion: bitnami.com/v1alpha1", File.ReadAllText(target), StringComparison.Ordinal);
    }

    private static JsonNode Masked(JsonObject sealedSecret)
    {
        var copy = sealedSecret.DeepClone();
        foreach (var key in copy["spec"]!["encryptedData"]!.AsObject().Select(p => p.Key).ToList())
        {
            copy["spec"]!["encryptedData"]![key] = "*";
        }
        return copy;
    }

    private sealed class StaticHandler(byte[] body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(request.RequestUri!.AbsolutePath == "/v1/cert.pem"
                ? new HttpResponseMessage(System.Net.HttpStatusCode.OK) { Content = new ByteArrayContent(body) }
                : new HttpResponseMessage(System.Net.HttpStatusCode.NotFound));
    }
}
