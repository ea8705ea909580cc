namespace SealedSecrets.Kubeseal.Tests;

[Collection(SharedKeyMaterial.Name)]
public sealed class MergeIntoTests(KeyMaterial keys)
{
    private readonly KubesealRunner _kubeseal = new();

    private async Task<string> ExistingFileAsync(string format)
    {
        var path = Path.Combine(keys.Directory, Guid.NewGuid().ToString("N") + (format == "yaml" ? ".yaml" : ".json"));
        var sealedSecret = await _kubeseal.RunAsync(SeedSecret.Yaml.Replace("  creationTimestamp: null\n", "  labels:\n    team: payments\n", StringComparison.Ordinal), "-o", format, "--cert", keys.CertPath);
        File.WriteAllText(path, sealedSecret.Stdout);
        return path;
    }

    [Theory]
    [InlineData("yaml")]
    [InlineData("json")]
    public async Task New_keys_are_added_changed_keys_replaced_and_the_rest_kept_in_the_files_format(string format)
    {
        var path = await ExistingFileAsync(format);
        var before = Assert.Single(Sealed.Parse(File.ReadAllText(path)));
        const string update = "apiVersion: v1\nkind: Secret\nmetadata: {name: other-name, namespace: other-ns, labels: {rotated: \"yes\"}}\ndata: {PAYMENT_API_KEY: c2tfbGl2ZV9uZXc=, NEW_KEY: bmV3}\n";

        var result = await _kubeseal.RunAsync(update, "--merge-into", path, "--cert", keys.CertPath);

        Assert.Equal((0, string.Empty, string.Empty), (result.ExitCode, result.Stdout, result.Stderr));
        var text = File.ReadAllText(path);
        Assert.Equal(format == "yaml", text.StartsWith("---\n", StringComparison.Ordinal));
        var after = Assert.Single(Sealed.Parse(text));
        Assert.Equal("checkout-secrets", after["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("sk_live_new", Sealed.Open(keys.Current.PrivateKey, after, "PAYMENT_API_KEY", "production/checkout-secrets"));
        Assert.Equal("new", Sealed.Open(keys.Current.PrivateKey, after, "NEW_KEY", "production/checkout-secrets"));
        Assert.Equal(before["spec"]!["encryptedData"]!["STRIPE_WEBHOOK_SECRET"]!.GetValue<string>(), after["spec"]!["encryptedData"]!["STRIPE_WEBHOOK_SECRET"]!.GetValue<string>());
        Assert.Equal("payments", after["spec"]!["template"]!["metadata"]!["labels"]!["team"]!.GetValue<string>());
        Assert.Equal("yes", after["spec"]!["template"]!["metadata"]!["labels"]!["rotated"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_explicit_format_rewrites_the_file_in_that_format()
    {
        var path = await ExistingFileAsync("yaml");

        await _kubeseal.RunAsync(SeedSecret.Yaml, "--format", "json", "--merge-into", path, "--cert", keys.CertPath);

        Assert.StartsWith("{\n  \"kind\": \"SealedSecret\"", File.ReadAllText(path), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_file_is_untouched_when_the_input_is_bad()
    {
        var path = await ExistingFileAsync("yaml");
        var before = File.ReadAllText(path);

        var result = await _kubeseal.RunAsync("apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata: {a: \"%%%\"}\n", "--merge-into", path, "--cert", keys.CertPath);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(before, File.ReadAllText(path));
    }

    [Fact]
    public async Task A_missing_or_foreign_target_file_is_an_error()
    {
        var missing = await _kubeseal.RunAsync(SeedSecret.Yaml, "--merge-into", "/no/such/file.yaml", "--cert", keys.CertPath);
        var foreign = keys.Write(Guid.NewGuid().ToString("N") + ".yaml", SeedSecret.Yaml);
        var notSealed = await _kubeseal.RunAsync(SeedSecret.Yaml, "--merge-into", foreign, "--cert", keys.CertPath);

        Assert.Equal("error: open /no/such/file.yaml: no such file or directory", missing.Stderr);
        Assert.Contains("is a Secret, not a SealedSecret", notSealed.Stderr, StringComparison.Ordinal);
    }
}
