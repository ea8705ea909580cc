using SealedSecrets.Controller.Options;

namespace SealedSecrets.Controller.Tests;

public sealed class ControllerFlagsTests
{
    private static readonly Dictionary<string, string> NoEnv = [];

    [Fact]
    public void Defaults_are_upstreams()
    {
        var o = ControllerFlags.Parse([], NoEnv)!;
        Assert.Equal("sealed-secrets-key", o.KeyPrefix);
        Assert.Equal(4096, o.KeySize);
        Assert.Equal(TimeSpan.FromHours(87600), o.KeyTtl);
        Assert.Equal(TimeSpan.FromHours(720), o.KeyRenewPeriod);
        Assert.Equal(KeyOrderPriority.CertNotBefore, o.KeyOrderPriority);
        Assert.Null(o.KeyCutoffTime);
        Assert.True(o.AcceptDeprecatedV1Data);
        Assert.True(o.AllNamespaces);
        Assert.True(o.UpdateStatus);
        Assert.False(o.WatchForSecrets);
        Assert.False(o.SkipRecreate);
        Assert.Equal((2.0, 2), (o.RateLimit, o.RateLimitBurst));
        Assert.Equal(5, o.MaxUnsealRetries);
        Assert.Equal((":8080", ":8081"), (o.ListenAddr, o.ListenMetricsAddr));
        Assert.Equal("text", o.LogFormat);
        Assert.Equal("default", o.ControllerNamespace);
        Assert.Null(o.WatchedNamespaces);
    }

    [Fact]
    public void Environment_variables_set_flags_and_the_command_line_wins()
    {
        var env = new Dictionary<string, string>
        {
            ["SEALED_SECRETS_KEY_RENEW_PERIOD"] = "24h",
            ["SEALED_SECRETS_UPDATE_STATUS"] = "false",
            ["SEALED_SECRETS_KEY_PREFIX"] = "from-env",
            ["POD_NAMESPACE"] = "kube-system",
        };
        var o = ControllerFlags.Parse(["--key-prefix", "from-flag", "--additional-namespaces=a,b"], env)!;
        Assert.Equal(TimeSpan.FromHours(24), o.KeyRenewPeriod);
        Assert.False(o.UpdateStatus);
        Assert.Equal("from-flag", o.KeyPrefix);
        Assert.Equal("kube-system", o.ControllerNamespace);
        Assert.Equal(["kube-system", "a", "b"], o.WatchedNamespaces);
    }

    [Fact]
    public void The_key_cutoff_time_is_read_as_RFC1123Z()
    {
        var o = ControllerFlags.Parse(["--key-cutoff-time", "Mon, 02 Jan 2006 15:04:05 -0700"], NoEnv)!;
        Assert.Equal(new DateTimeOffset(2006, 1, 2, 22, 4, 5, TimeSpan.Zero), o.KeyCutoffTime!.Value.ToUniversalTime());
    }

    [Fact]
    public void Rotate_period_is_an_alias_and_zero_disables_renewal()
    {
        Assert.Equal(TimeSpan.Zero, ControllerFlags.Parse(["--rotate-period=0"], NoEnv)!.KeyRenewPeriod);
    }

    [Theory]
    [InlineData("--key-renew-period", "30 days", "--key-renew-period")]
    [InlineData("--key-prefix", "Bad_Prefix", "--key-prefix")]
    [InlineData("--key-order-priority", "Newest", "--key-order-priority")]
    [InlineData("--key-cutoff-time", "yesterday", "--key-cutoff-time")]
    public void A_bad_value_is_an_error_that_names_the_flag(string flag, string value, string named)
    {
        var ex = Assert.Throws<ControllerFlagException>(() => ControllerFlags.Parse([flag, value], NoEnv));
        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_flag_is_an_error()
    {
        Assert.Contains("--nope", Assert.Throws<ControllerFlagException>(() => ControllerFlags.Parse(["--nope"], NoEnv)).Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("720h", 720 * 3600.0)]
    [InlineData("1h30m", 5400.0)]
    [InlineData("2m", 120.0)]
    [InlineData("1.5s", 1.5)]
    [InlineData("0", 0.0)]
    [InlineData("300ms", 0.3)]
    public void Go_durations_parse(string text, double seconds)
    {
        Assert.True(GoDuration.TryParse(text, out var d));
        Assert.Equal(seconds, d.TotalSeconds, 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("1d")]
    [InlineData("h")]
    public void Malformed_Go_durations_are_rejected(string text) => Assert.False(GoDuration.TryParse(text, out _));
}
