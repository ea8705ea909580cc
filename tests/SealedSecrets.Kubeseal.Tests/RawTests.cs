namespace SealedSecrets.Kubeseal.Tests;

[Collection(SharedKeyMaterial.Name)]
public sealed class RawTests(KeyMaterial keys)
{
    private readonly KubesealRunner _kubeseal = new();

    [Theory]
    [InlineData("strict", "production/checkout-secrets")]
    [InlineData("namespace-wide", "production")]
    [InlineData("cluster-wide", "")]
    public async Task A_raw_value_is_printed_as_base64_without_a_newline_under_the_scope_label(string scope, string label)
    {
        var result = await _kubeseal.RunAsync("sk_live_xxx", "--raw", "--scope", scope, "--namespace", "production", "--name", "checkout-secrets", "--cert", keys.CertPath);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("Ag", result.Stdout, StringComparison.Ordinal);
        Assert.False(result.Stdout.EndsWith('\n'));
        Assert.Equal("sk_live_xxx", Sealed.Open(keys.Current.PrivateKey, result.Stdout, label));
    }

    [Fact]
    public async Task A_raw_value_can_come_from_one_file_in_kubectl_syntax()
    {
        var file = keys.Write("raw-" + Guid.NewGuid().ToString("N"), "from a file\n");

        var result = await _kubeseal.RunAsync(string.Empty, "--raw", "--from-file", "ignored-key=" + file, "-n", "ns", "--name", "n", "--cert", keys.CertPath);
        var two = await _kubeseal.RunAsync(string.Empty, "--raw", "--from-file", file + "," + file, "-n", "ns", "--name", "n", "--cert", keys.CertPath);

        Assert.Equal("from a file\n", Sealed.Open(keys.Current.PrivateKey, result.Stdout, "ns/n"));
        Assert.Equal("error: must provide only one --from-file when encrypting a single item with --raw", two.Stderr);
    }

    [Fact]
    public async Task Strict_raw_needs_a_name_and_takes_the_namespace_from_the_kubeconfig()
    {
        var noName = await _kubeseal.RunAsync("v", "--raw", "--cert", keys.CertPath);
        var defaultNamespace = await _kubeseal.RunAsync("v", "--raw", "--name", "n", "--cert", keys.CertPath);

        Assert.Equal("error: must provide the --name flag with --raw and --scope strict", noName.Stderr);
        Assert.Equal("v", Sealed.Open(keys.Current.PrivateKey, defaultNamespace.Stdout, "default/n"));
    }

    [Fact]
    public async Task A_raw_value_written_with_w_lands_in_the_file()
    {
        var target = Path.Combine(keys.Directory, Guid.NewGuid().ToString("N") + ".txt");

        await _kubeseal.RunAsync("v", "--raw", "--scope", "cluster-wide", "-w", target, "--cert", keys.CertPath);

        Assert.Equal("v", Sealed.Open(keys.Current.PrivateKey, File.ReadAllText(target), string.Empty));
    }
}
