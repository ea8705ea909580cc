using System.Text;
using System.Text.Json.Nodes;

namespace SealedSecrets.Kubeseal.Tests;

[Collection(SharedKeyMaterial.Name)]
public sealed class RecoveryUnsealTests(KeyMaterial keys)
{
    private readonly KubesealRunner _kubeseal = new();

    private async Task<string> SealedSeedAsync(string format = "yaml") =>
        (await _kubeseal.RunAsync(SeedSecret.Yaml, "-o", format, "--cert", keys.CertPath)).Stdout;

    [Fact]
    public async Task A_PEM_private_key_opens_the_sealed_seed_Secret()
    {
        var result = await _kubeseal.RunAsync(await SealedSeedAsync(), "--recovery-unseal", "--recovery-private-key", keys.KeyPath, "-o", "yaml");

        Assert.Equal(0, result.ExitCode);
        var secret = Assert.Single(Sealed.Parse(result.Stdout));
        AssertSeedSecret(secret);
    }

    [Fact]
    public async Task A_backup_list_of_key_Secrets_opens_it_whichever_key_comes_first()
    {
        var result = await _kubeseal.RunAsync(await SealedSeedAsync("json"), "--recovery-unseal", "--recovery-private-key", keys.BackupListPath);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("{\n  \"kind\": \"Secret\",\n  \"apiVersion\": \"v1\",", result.Stdout, StringComparison.Ordinal);
        AssertSeedSecret(JsonNode.Parse(result.Stdout)!.AsObject());
    }

    [Fact]
    public async Task A_backup_list_saved_as_json_opens_it_too()
    {
        var list = SealedSecrets.Kubeseal.Manifests.YamlDocuments.Parse(File.ReadAllText(keys.BackupListPath));
        var jsonBackup = keys.Write(Guid.NewGuid().ToString("N") + ".json", Assert.Single(list)!.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));

        var result = await _kubeseal.RunAsync(await SealedSeedAsync(), "--recovery-unseal", "--recovery-private-key", jsonBackup, "-o", "yaml");

        Assert.Equal(0, result.ExitCode);
        AssertSeedSecret(Assert.Single(Sealed.Parse(result.Stdout)));
    }

    [Fact]
    public async Task Keys_can_be_given_comma_separated_or_repeated()
    {
        var comma = await _kubeseal.RunAsync(await SealedSeedAsync(), "--recovery-unseal", "--recovery-private-key", keys.OldKeyPath + "," + keys.KeyPath);
        var repeated = await _kubeseal.RunAsync(await SealedSeedAsync(), "--recovery-unseal", "--recovery-private-key", keys.OldKeyPath, "--recovery-private-key", keys.KeyPath);

        Assert.Equal(0, comma.ExitCode);
        Assert.Equal(0, repeated.ExitCode);
    }

    [Fact]
    public async Task The_wrong_key_gives_upstreams_error_per_key()
    {
        var result = await _kubeseal.RunAsync(await SealedSeedAsync(), "--recovery-unseal", "--recovery-private-key", keys.OldKeyPath);

        Assert.Equal("error: no key could decrypt secret (PAYMENT_API_KEY, STRIPE_WEBHOOK_SECRET)", result.Stderr);
    }

    [Fact]
    public async Task Missing_keys_are_a_clear_error()
    {
        var none = await _kubeseal.RunAsync(await SealedSeedAsync(), "--recovery-unseal");
        var missing = await _kubeseal.RunAsync(await SealedSeedAsync(), "--recovery-unseal", "--recovery-private-key", "/no/key.pem");
        var noTlsKey = keys.Write(Guid.NewGuid().ToString("N") + ".yaml", "apiVersion: v1\nkind: Secret\nmetadata: {name: k}\ndata: {tls.crt: YQ==}\n");
        var withoutKey = await _kubeseal.RunAsync(await SealedSeedAsync(), "--recovery-unseal", "--recovery-private-key", noTlsKey);

        Assert.StartsWith("error: --recovery-unseal requires --recovery-private-key", none.Stderr, StringComparison.Ordinal);
        Assert.Equal("error: open /no/key.pem: no such file or directory", missing.Stderr);
        Assert.Contains("Secret \"k\" has no valid base64 data[\"tls.key\"]", withoutKey.Stderr, StringComparison.Ordinal);
    }

    private static void AssertSeedSecret(JsonObject secret)
    {
        Assert.Equal("Secret", secret["kind"]!.GetValue<string>());
        Assert.Equal("checkout-secrets", secret["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("production", secret["metadata"]!["namespace"]!.GetValue<string>());
        Assert.Equal("sk_live_xxx", Encoding.UTF8.GetString(Convert.FromBase64String(secret["data"]!["PAYMENT_API_KEY"]!.GetValue<string>())));
        Assert.Equal("whsec_xxx", Encoding.UTF8.GetString(Convert.FromBase64String(secret["data"]!["STRIPE_WEBHOOK_SECRET"]!.GetValue<string>())));
    }
}
