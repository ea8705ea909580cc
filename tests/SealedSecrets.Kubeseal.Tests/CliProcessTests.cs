namespace SealedSecrets.Kubeseal.Tests;

/// <summary>The published Native AOT binary, driven like a user drives it: real kubectl, real pipes, real exit codes.</summary>
[Collection(SharedKeyMaterial.Name)]
public sealed class CliProcessTests(KeyMaterial keys)
{
    private Dictionary<string, string> Environment => new()
    {
        ["KUBECONFIG"] = Path.Combine(keys.Directory, "no-kubeconfig"),
        ["PATH"] = Path.GetDirectoryName(ProcessRunner.KubesealBinary) + ":" + System.Environment.GetEnvironmentVariable("PATH"),
        ["SEALED_SECRETS_CERT"] = keys.CertPath,
    };

    [Fact]
    public async Task The_seeds_first_commands_work_offline_with_the_certificate_from_the_environment()
    {
        var dir = Directory.CreateTempSubdirectory("seed-").FullName;
        const string script = """
            set -euo pipefail
            kubectl create secret generic checkout-secrets \
              --namespace=production \
              --from-literal=PAYMENT_API_KEY=sk_live_xxx \
              --from-literal=STRIPE_WEBHOOK_SECRET=whsec_xxx \
              --dry-run=client -o yaml > secret.yaml
            kubeseal --format=yaml < secret.yaml > sealed-secret.yaml
            """;

        var result = await ProcessRunner.RunAsync("bash", ["-c", script], workingDirectory: dir, environment: Environment);

        Assert.True(result.ExitCode == 0, result.Stderr);
        var sealedSecret = Assert.Single(Sealed.Parse(File.ReadAllText(Path.Combine(dir, "sealed-secret.yaml"))));
        Assert.Equal("sk_live_xxx", Sealed.Open(keys.Current.PrivateKey, sealedSecret, "PAYMENT_API_KEY", "production/checkout-secrets"));
        Assert.Equal("whsec_xxx", Sealed.Open(keys.Current.PrivateKey, sealedSecret, "STRIPE_WEBHOOK_SECRET", "production/checkout-secrets"));
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task The_seeds_rotation_script_merges_a_new_value_into_the_committed_file()
    {
        var dir = Directory.CreateTempSubdirectory("rotate-").FullName;
        var target = Path.Combine(dir, "apps/checkout-service/overlays/production/sealed-secrets.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var initial = await ProcessRunner.RunAsync(ProcessRunner.KubesealBinary, ["--format=yaml", "--cert", keys.CertPath], SeedSecret.Yaml);
        File.WriteAllText(target, initial.Stdout);
        var script = Path.Combine(AppContext.BaseDirectory, "Seed", "rotate-sealed-secret.sh");

        var result = await ProcessRunner.RunAsync("bash", [script, "checkout-secrets", "production", "PAYMENT_API_KEY", "sk_live_rotated"], workingDirectory: dir, environment: Environment);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Equal("Sealed secret updated. Commit and push to trigger ArgoCD sync.\n", result.Stdout);
        var text = File.ReadAllText(target);
        Assert.StartsWith("---\n", text, StringComparison.Ordinal);
        var sealedSecret = Assert.Single(Sealed.Parse(text));
        Assert.Equal("sk_live_rotated", Sealed.Open(keys.Current.PrivateKey, sealedSecret, "PAYMENT_API_KEY", "production/checkout-secrets"));
        Assert.Equal("whsec_xxx", Sealed.Open(keys.Current.PrivateKey, sealedSecret, "STRIPE_WEBHOOK_SECRET", "production/checkout-secrets"));
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task Recovery_unseal_opens_with_a_kubectl_backup_list_through_the_binary()
    {
        var sealedYaml = (await ProcessRunner.RunAsync(ProcessRunner.KubesealBinary, ["-o", "yaml", "--cert", keys.CertPath], SeedSecret.Yaml)).Stdout;

        var result = await ProcessRunner.RunAsync(ProcessRunner.KubesealBinary, ["--recovery-unseal", "--recovery-private-key", keys.BackupListPath, "--format", "yaml"], sealedYaml);

        Assert.True(result.ExitCode == 0, result.Stderr);
        Assert.Contains("PAYMENT_API_KEY: c2tfbGl2ZV94eHg=\n", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Raw_output_has_no_trailing_newline()
    {
        var result = await ProcessRunner.RunAsync(ProcessRunner.KubesealBinary, ["--raw", "--namespace", "production", "--name", "checkout-secrets", "--cert", keys.CertPath], "sk_live_xxx");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("sk_live_xxx", Sealed.Open(keys.Current.PrivateKey, result.Stdout, "production/checkout-secrets"));
    }

    [Fact]
    public async Task Errors_exit_1_with_error_on_stderr_and_usage_errors_exit_2()
    {
        var error = await ProcessRunner.RunAsync(ProcessRunner.KubesealBinary, ["--cert", "/no/such/cert.pem"], SeedSecret.Yaml);
        var usage = await ProcessRunner.RunAsync(ProcessRunner.KubesealBinary, ["--no-such-flag"], string.Empty);
        var help = await ProcessRunner.RunAsync(ProcessRunner.KubesealBinary, ["--help"], string.Empty);
        var version = await ProcessRunner.RunAsync(ProcessRunner.KubesealBinary, ["--version"], string.Empty);

        Assert.Equal((1, string.Empty), (error.ExitCode, error.Stdout));
        Assert.Matches("^error:.*no such file or directory", error.Stderr);
        Assert.Equal(2, usage.ExitCode);
        Assert.StartsWith("unknown flag: --no-such-flag\nUsage of kubeseal:", usage.Stderr, StringComparison.Ordinal);
        Assert.Equal(0, help.ExitCode);
        Assert.StartsWith("Usage of kubeseal:", help.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("kubeseal version: ", version.Stdout, StringComparison.Ordinal);
    }
}
