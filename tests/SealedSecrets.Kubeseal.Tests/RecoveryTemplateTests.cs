using System.Text;
using System.Text.Json.Nodes;
using SealedSecrets.Api;
using SealedSecrets.Api.Templating;
using SealedSecrets.Kubeseal.Cli;
using SealedSecrets.Kubeseal.Manifests;

namespace SealedSecrets.Kubeseal.Tests;

/// <summary>
/// --recovery-unseal renders spec.template.data with the controller's Go template engine, so the
/// recovered Secret is the one the controller would write (upstream runs the same Unseal, §2.5).
/// </summary>
[Collection(SharedKeyMaterial.Name)]
public sealed class RecoveryTemplateTests(KeyMaterial keys)
{
    private const string Password = "s3cr3t-Pa55word";

    private const string DbSecret = $"""
        apiVersion: v1
        kind: Secret
        metadata:
          name: db
          namespace: prod
        stringData:
          user: alice
          password: {Password}

        """;

    private readonly KubesealRunner _kubeseal = new();

    /// <summary>The db Secret sealed with the current key, with <paramref name="templates"/> as spec.template.data.</summary>
    private async Task<string> SealedWithTemplatesAsync(params (string Key, string Template)[] templates)
    {
        var sealedJson = (await _kubeseal.RunAsync(DbSecret, "-o", "json", "--cert", keys.CertPath)).Stdout;
        var sealedSecret = JsonNode.Parse(sealedJson)!.AsObject();
        var data = new JsonObject();
        foreach (var (key, template) in templates)
        {
            data[key] = template;
        }
        sealedSecret["spec"]!["template"]!["data"] = data;
        return sealedSecret.ToJsonString();
    }

    private static string Decoded(JsonObject secret, string key) =>
        Encoding.UTF8.GetString(Convert.FromBase64String(secret["data"]![key]!.GetValue<string>()));

    [Fact]
    public async Task Templates_with_actions_and_sprig_functions_recover_to_the_controllers_Secret()
    {
        var input = await SealedWithTemplatesAsync(
            ("url", "postgres://{{ .user }}:{{ .password }}@db"),
            ("shout", "{{ .user | upper }}"),
            ("missing", "[{{ .nope }}]"),
            ("plain", "no actions"));

        var result = await _kubeseal.RunAsync(input, "--recovery-unseal", "--recovery-private-key", keys.KeyPath, "-o", "yaml");

        Assert.True(result.ExitCode == 0, result.Stderr);
        var secret = Assert.Single(Sealed.Parse(result.Stdout));
        Assert.Equal($"postgres://alice:{Password}@db", Decoded(secret, "url"));
        Assert.Equal("ALICE", Decoded(secret, "shout"));
        Assert.Equal("[<no value>]", Decoded(secret, "missing")); // Go's default missingkey.
        Assert.Equal("no actions", Decoded(secret, "plain"));
        Assert.Equal(Password, Decoded(secret, "password"));
        // The controller unseals with the same Unseal and GoTemplateRenderer (SealedSecretReconciler).
        var controllers = SealedSecretUnsealer.Unseal(
            SecretDocument.ToSealedSecret(JsonNode.Parse(input)!.AsObject(), "input"),
            [keys.Current.PrivateKey],
            new UnsealOptions(AcceptDeprecatedV1Data: false, GoTemplateRenderer.Instance));
        Assert.Equal(ManifestWriter.Write(controllers, OutputFormat.Yaml), result.Stdout);
    }

    [Theory]
    [InlineData("env", "{{ env \"HOME\" }}")]
    [InlineData("expandenv", "{{ expandenv \"$HOME\" }}")]
    [InlineData("getHostByName", "{{ getHostByName \"localhost\" }}")]
    public async Task Functions_the_controller_removes_are_refused_naming_the_key(string function, string template)
    {
        var input = await SealedWithTemplatesAsync(("home", template));

        var result = await _kubeseal.RunAsync(input, "--recovery-unseal", "--recovery-private-key", keys.KeyPath);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.Equal($"error: SealedSecret prod/db: error rendering template.data[home]: template: home:1: function \"{function}\" not defined", result.Stderr);
    }

    [Theory]
    [InlineData("{{ fail .password }}")]
    [InlineData("{{ index .password 99 }}")]
    [InlineData("{{ .password | int | div 1 }}")]
    [InlineData("{{ .password")]
    public async Task A_render_error_names_the_object_and_key_and_never_a_value(string template)
    {
        var input = await SealedWithTemplatesAsync(("bad", template), ("good", "{{ .password }}"));

        var result = await _kubeseal.RunAsync(input, "--recovery-unseal", "--recovery-private-key", keys.KeyPath);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(string.Empty, result.Stdout);
        Assert.StartsWith("error: SealedSecret prod/db: error rendering template.data[bad]: template: bad:1", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("alice", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_AOT_binary_renders_templates_like_the_in_process_service()
    {
        var input = await SealedWithTemplatesAsync(("url", "postgres://{{ .user }}:{{ .password | b64enc | b64dec }}@db"), ("shout", "{{ .user | upper | repeat 2 }}"));

        var binary = await ProcessRunner.RunAsync(ProcessRunner.KubesealBinary, ["--recovery-unseal", "--recovery-private-key", keys.KeyPath, "-o", "yaml"], input);
        var inProcess = await _kubeseal.RunAsync(input, "--recovery-unseal", "--recovery-private-key", keys.KeyPath, "-o", "yaml");

        Assert.True(binary.ExitCode == 0, binary.Stderr);
        var secret = Assert.Single(Sealed.Parse(binary.Stdout));
        Assert.Equal($"postgres://alice:{Password}@db", Decoded(secret, "url"));
        Assert.Equal("ALICEALICE", Decoded(secret, "shout"));
        Assert.Equal(inProcess.Stdout, binary.Stdout);
    }

    [Fact]
    public async Task The_AOT_binary_refuses_env_naming_the_object_and_key()
    {
        var input = await SealedWithTemplatesAsync(("home", "{{ env \"HOME\" }}"));

        var result = await ProcessRunner.RunAsync(ProcessRunner.KubesealBinary, ["--recovery-unseal", "--recovery-private-key", keys.KeyPath], input);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("error: SealedSecret prod/db: error rendering template.data[home]: template: home:1: function \"env\" not defined\n", result.Stderr);
    }
}
