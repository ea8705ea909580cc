namespace SealedSecrets.Kubeseal.Tests;

[Collection(SharedKeyMaterial.Name)]
public sealed class ErrorTests(KeyMaterial keys)
{
    private readonly KubesealRunner _kubeseal = new();

    [Theory]
    [InlineData("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c, namespace: n}\ndata: {a: b}\n", "error: input object \"c\" is a ConfigMap, not a Secret")]
    [InlineData("apiVersion: v1\nkind: Secret\nmetadata: {namespace: n}\ndata: {a: YQ==}\n", "error: missing metadata.name in input Secret")]
    [InlineData("apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: n}\n", "error: secret.data is empty in input Secret, assuming this is an error and aborting. To work with empty data, --allow-empty-data can be used")]
    [InlineData("apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: n}\ndata: {password: \"not base64!\"}\n", "error: Secret \"s\": data[\"password\"] is not valid base64")]
    [InlineData("", "error: no secrets found. Ensure the input is valid and UTF-8 encoded")]
    [InlineData("metadata: {name: s}\n", "error: input object has no kind")]
    [InlineData("{\"kind\": \"Secret\", ", "error: input is not valid JSON")]
    [InlineData("a: [b\n", "error: invalid YAML at line")]
    public async Task Bad_input_is_an_error_that_names_the_problem(string input, string expected)
    {
        var result = await _kubeseal.RunAsync(input, "--cert", keys.CertPath);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(expected, result.Stderr, StringComparison.Ordinal);
        Assert.Equal(string.Empty, result.Stdout);
    }

    [Theory]
    [InlineData("{\"kind\":\"Secret\",\"kind\":\"Secret\",\"metadata\":{\"name\":\"a\",\"namespace\":\"b\"},\"data\":{\"x\":\"eA==\"}}")]
    [InlineData("kind: Secret\nkind: Secret\nmetadata: {name: a, namespace: b}\ndata: {x: eA==}\n")]
    public async Task Duplicate_keys_take_the_last_value_as_Go_does(string input)
    {
        var result = await _kubeseal.RunAsync(input, "--cert", keys.CertPath);

        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task Empty_data_is_sealed_when_allowed()
    {
        var result = await _kubeseal.RunAsync("apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: n}\n", "--allow-empty-data", "--cert", keys.CertPath);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("\"encryptedData\": {}", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_certificate_is_refused_with_its_date()
    {
        var result = await _kubeseal.RunAsync(SeedSecret.Yaml, "--cert", keys.ExpiredCertPath);

        Assert.Equal("error: failed to encrypt using an expired certificate on March 2, 2020", result.Stderr);
    }

    [Fact]
    public async Task A_missing_or_unreadable_certificate_is_refused()
    {
        var missing = await _kubeseal.RunAsync(SeedSecret.Yaml, "--cert", "/no/such/cert.pem");
        var notACert = await _kubeseal.RunAsync(SeedSecret.Yaml, "--cert", keys.KeyPath);

        Assert.Equal("error: open /no/such/cert.pem: no such file or directory", missing.Stderr);
        Assert.StartsWith("error: cannot read certificate: no certificate found", notACert.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_scope_or_format_is_an_error()
    {
        var scope = await _kubeseal.RunAsync(SeedSecret.Yaml, "--scope", "cluster", "--cert", keys.CertPath);
        var format = await _kubeseal.RunAsync(SeedSecret.Yaml, "--format", "xml", "--cert", keys.CertPath);

        Assert.Equal((1, "error: invalid argument \"cluster\" for \"--scope\" flag: must be one of: strict, namespace-wide, cluster-wide"), (scope.ExitCode, scope.Stderr));
        Assert.Equal((1, "error: unsupported output format: xml"), (format.ExitCode, format.Stderr));
    }

    [Fact]
    public async Task A_namespace_flag_that_contradicts_the_Secret_is_refused()
    {
        var result = await _kubeseal.RunAsync(SeedSecret.Yaml, "-n", "staging", "--cert", keys.CertPath);

        Assert.Equal("error: namespace mismatch: input secret is in namespace \"production\" but \"staging\" was specified", result.Stderr);
    }

    [Fact]
    public async Task Cluster_only_features_say_so_clearly()
    {
        var fetch = await _kubeseal.RunAsync(SeedSecret.Yaml);
        var validate = await _kubeseal.RunAsync("{\"kind\":\"SealedSecret\",\"apiVersion\":\"bitnami.com/v1alpha1\",\"metadata\":{\"name\":\"a\"}}", "--validate");
        var rotate = await _kubeseal.RunAsync("{\"kind\":\"SealedSecret\",\"apiVersion\":\"bitnami.com/v1alpha1\",\"metadata\":{\"name\":\"a\"}}", "--re-encrypt");

        Assert.StartsWith("error: cannot fetch certificate:", fetch.Stderr, StringComparison.Ordinal);
        Assert.Contains("--cert", fetch.Stderr, StringComparison.Ordinal);
        Assert.StartsWith("error: cannot validate sealed secret:", validate.Stderr, StringComparison.Ordinal);
        Assert.StartsWith("error: cannot re-encrypt secret:", rotate.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task From_file_without_raw_is_refused()
    {
        var result = await _kubeseal.RunAsync(SeedSecret.Yaml, "--from-file", keys.CertPath, "--cert", keys.CertPath);

        Assert.Equal("error: --from-file requires --raw", result.Stderr);
    }

    [Fact]
    public async Task Nothing_is_written_to_the_output_file_on_error()
    {
        var target = keys.Write(Guid.NewGuid().ToString("N") + ".json", "previous content");

        var result = await _kubeseal.RunAsync("apiVersion: v1\nkind: Secret\nmetadata: {name: s, namespace: n}\n", "-w", target, "--cert", keys.CertPath);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("previous content", File.ReadAllText(target));
        Assert.Single(Directory.GetFiles(keys.Directory, "*" + Path.GetFileName(target) + "*"));
    }
}
