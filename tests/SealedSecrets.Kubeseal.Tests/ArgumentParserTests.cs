using SealedSecrets.Crypto;
using SealedSecrets.Kubeseal.Cli;

namespace SealedSecrets.Kubeseal.Tests;

public sealed class ArgumentParserTests
{
    private static KubesealOptions Parse(params string[] args) => KubesealArgumentParser.Parse(args, _ => null);

    [Fact]
    public void Defaults_are_upstreams()
    {
        var options = Parse();

        Assert.Equal(("json", "kube-system", "sealed-secrets-controller", SealingScope.Strict), (options.Format, options.ControllerNamespace, options.ControllerName, options.Scope));
    }

    [Theory]
    [InlineData("-oyaml")]
    [InlineData("-o=yaml")]
    [InlineData("--format=yaml")]
    public void Short_and_long_spellings_are_accepted_as_pflag_does(string arg)
    {
        Assert.Equal("yaml", Parse(arg).Format);
    }

    [Fact]
    public void Booleans_take_an_optional_value_and_slices_accumulate()
    {
        var options = Parse("--raw=false", "--allow-empty-data", "--recovery-private-key", "a,b", "--recovery-private-key=c", "--rotate");

        Assert.False(options.Raw);
        Assert.True(options.AllowEmptyData);
        Assert.True(options.ReEncrypt);
        Assert.Equal(["a", "b", "c"], options.RecoveryPrivateKey);
    }

    [Fact]
    public void Environment_variables_fill_flags_the_command_line_did_not_set()
    {
        var environment = new Dictionary<string, string> { ["SEALED_SECRETS_CONTROLLER_NAME"] = "sealed-secrets", ["SEALED_SECRETS_FORMAT"] = "yaml", ["SEALED_SECRETS_RAW"] = "true" };

        var options = KubesealArgumentParser.Parse(["--format", "json"], name => environment.GetValueOrDefault(name));

        Assert.Equal(("sealed-secrets", "json", true), (options.ControllerName, options.Format, options.Raw));
    }

    [Theory]
    [InlineData("--nope", "unknown flag: --nope")]
    [InlineData("-x", "unknown shorthand flag: 'x' in -x")]
    [InlineData("--cert", "flag needs an argument: --cert")]
    [InlineData("--raw=maybe", "invalid argument \"maybe\" for \"--raw\" flag")]
    public void Malformed_command_lines_are_usage_errors(string arg, string message)
    {
        var ex = Assert.Throws<UsageException>(() => Parse(arg));

        Assert.StartsWith(message, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Kubectl_connection_flags_are_accepted()
    {
        var options = Parse("--context", "kind", "--server", "https://127.0.0.1:6443", "--insecure-skip-tls-verify", "-v", "4", "-n", "ns");

        Assert.Equal(("kind", "ns"), (options.Context, options.Namespace));
    }

    [Fact]
    public void Usage_lists_every_upstream_flag()
    {
        var usage = KubesealArgumentParser.Usage();

        foreach (var flag in new[] { "--cert", "--controller-namespace", "--controller-name", "--format", "--sealed-secret-file", "--secret-file", "--fetch-cert", "--allow-empty-data", "--validate", "--merge-into", "--raw", "--name", "--from-file", "--scope", "--re-encrypt", "--recovery-unseal", "--recovery-private-key", "--kubeconfig", "--namespace" })
        {
            Assert.Contains(flag, usage, StringComparison.Ordinal);
        }
    }
}
