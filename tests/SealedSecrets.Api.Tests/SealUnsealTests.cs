using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using k8s.Models;
using SealedSecrets.Api.Serialization;
using SealedSecrets.Crypto;

namespace SealedSecrets.Api.Tests;

public sealed class SealUnsealTests(TestKeys keys) : IClassFixture<TestKeys>
{
    private static readonly RandomNumberGenerator Random = RandomNumberGenerator.Create();

    private static V1Secret Input(IDictionary<string, string>? annotations = null) => new()
    {
        ApiVersion = "v1",
        Kind = "Secret",
        Metadata = new V1ObjectMeta
        {
            Name = "checkout-secrets",
            NamespaceProperty = "production",
            Labels = new Dictionary<string, string> { ["app"] = "checkout" },
            Annotations = annotations ?? new Dictionary<string, string> { [SealedSecretAnnotations.KubectlLastApplied] = "{\"data\":\"plaintext\"}", ["keep"] = "me" },
            Uid = "u-1",
            ResourceVersion = "7",
            CreationTimestamp = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
            OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "X", Name = "x", Uid = "y" }],
        },
        Type = "Opaque",
        Immutable = true,
        Data = new Dictionary<string, byte[]> { ["PAYMENT_API_KEY"] = "sk_live_xxx"u8.ToArray(), ["both"] = "from-data"u8.ToArray() },
        StringData = new Dictionary<string, string> { ["STRIPE_WEBHOOK_SECRET"] = "whsec_xxx", ["both"] = "from-stringData" },
    };

    [Theory]
    [InlineData(SealingScope.Strict)]
    [InlineData(SealingScope.NamespaceWide)]
    [InlineData(SealingScope.ClusterWide)]
    public void A_sealed_Secret_unseals_to_the_same_data_in_every_scope(SealingScope scope)
    {
        var sealedSecret = SealedSecretSealer.Seal(Input(), keys.First.PublicKey, scope, Random);

        var secret = SealedSecretUnsealer.Unseal(sealedSecret, [keys.Second, keys.First]);

        Assert.Equal(scope, sealedSecret.GetScope());
        Assert.Equal("sk_live_xxx", Encoding.UTF8.GetString(secret.Data["PAYMENT_API_KEY"]));
        Assert.Equal("whsec_xxx", Encoding.UTF8.GetString(secret.Data["STRIPE_WEBHOOK_SECRET"]));
        Assert.Equal("from-stringData", Encoding.UTF8.GetString(secret.Data["both"]));
        Assert.Equal("checkout-secrets", secret.Metadata.Name);
        Assert.Equal("Opaque", secret.Type);
        Assert.True(secret.Immutable);
    }

    [Fact]
    public void The_template_keeps_labels_and_annotations_but_not_plaintext_or_server_fields()
    {
        var sealedSecret = SealedSecretSealer.Seal(Input(), keys.First.PublicKey, SealingScope.Strict, Random);
        var template = sealedSecret.Spec.Template.Metadata!;

        Assert.Equal("checkout", template.Labels["app"]);
        Assert.Equal(["keep"], template.Annotations.Keys);
        Assert.Null(template.Uid);
        Assert.Null(template.ResourceVersion);
        Assert.Null(template.CreationTimestamp);
        Assert.Null(template.OwnerReferences);
        Assert.Null(sealedSecret.Metadata.Labels);
        Assert.Null(sealedSecret.Metadata.Annotations);
        Assert.DoesNotContain("plaintext", JsonSerializer.Serialize(sealedSecret, SealedSecretsJsonContext.Default.SealedSecret), StringComparison.Ordinal);
    }

    [Fact]
    public void A_non_strict_scope_annotates_both_the_object_and_the_template()
    {
        var sealedSecret = SealedSecretSealer.Seal(Input(), keys.First.PublicKey, SealingScope.NamespaceWide, Random);

        Assert.Equal("true", sealedSecret.Metadata.Annotations[SealedSecretAnnotations.NamespaceWide]);
        Assert.Equal("true", sealedSecret.Spec.Template.Metadata!.Annotations[SealedSecretAnnotations.NamespaceWide]);
    }

    [Fact]
    public void The_scope_annotation_on_the_input_is_honoured_when_the_flag_is_strict()
    {
        var sealedSecret = SealedSecretSealer.Seal(Input(new Dictionary<string, string> { [SealedSecretAnnotations.ClusterWide] = "true" }), keys.First.PublicKey, SealingScope.Strict, Random);

        Assert.Equal(SealingScope.ClusterWide, sealedSecret.GetScope());
    }

    [Fact]
    public void Renaming_a_strict_SealedSecret_makes_every_key_fail_with_one_merged_error()
    {
        var sealedSecret = SealedSecretSealer.Seal(Input(), keys.First.PublicKey, SealingScope.Strict, Random);
        sealedSecret.Metadata.Name = "stolen";

        var ex = Assert.Throws<SealedSecretException>(() => SealedSecretUnsealer.Unseal(sealedSecret, [keys.First]));

        Assert.Equal("no key could decrypt secret (PAYMENT_API_KEY, STRIPE_WEBHOOK_SECRET, both)", ex.Message);
    }

    [Fact]
    public void Different_errors_are_listed_on_separate_lines()
    {
        var sealedSecret = SealedSecretSealer.Seal(Input(), keys.First.PublicKey, SealingScope.Strict, Random);
        sealedSecret.Spec.EncryptedData["broken"] = "not base64!";

        var ex = Assert.Throws<SealedSecretException>(() => SealedSecretUnsealer.Unseal(sealedSecret, [keys.Second]));

        Assert.Equal(2, ex.Message.Split('\n').Length);
        Assert.Contains("(broken)", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_produced_Secret_is_owned_by_the_SealedSecret_unless_the_template_opts_out()
    {
        var sealedSecret = SealedSecretSealer.Seal(Input(), keys.First.PublicKey, SealingScope.Strict, Random);
        sealedSecret.Metadata.Uid = "ss-uid";

        var owned = SealedSecretUnsealer.Unseal(sealedSecret, [keys.First]);
        sealedSecret.Spec.Template.Metadata!.Annotations[SealedSecretAnnotations.SkipSetOwnerReferences] = "true";
        sealedSecret.Spec.Template.Metadata.OwnerReferences = [new V1OwnerReference { Name = "mine", Kind = "K", ApiVersion = "v1", Uid = "1" }];
        var notOwned = SealedSecretUnsealer.Unseal(sealedSecret, [keys.First]);

        var reference = Assert.Single(owned.Metadata.OwnerReferences);
        Assert.Equal(("bitnami.com/v1alpha1", "SealedSecret", "checkout-secrets", "ss-uid", true), (reference.ApiVersion, reference.Kind, reference.Name, reference.Uid, reference.Controller));
        Assert.Equal("mine", Assert.Single(notOwned.Metadata.OwnerReferences).Name);
    }

    [Fact]
    public void Template_data_without_actions_is_literal_and_a_null_entry_drops_a_sealed_key()
    {
        var sealedSecret = SealedSecretSealer.Seal(Input(), keys.First.PublicKey, SealingScope.Strict, Random);
        sealedSecret.Spec.Template.Data = new() { ["literal"] = "plain text", ["both"] = null, ["PAYMENT_API_KEY"] = "ignored: decrypted wins" };

        var secret = SealedSecretUnsealer.Unseal(sealedSecret, [keys.First]);

        Assert.Equal("plain text", Encoding.UTF8.GetString(secret.Data["literal"]));
        Assert.False(secret.Data.ContainsKey("both"));
        Assert.Equal("sk_live_xxx", Encoding.UTF8.GetString(secret.Data["PAYMENT_API_KEY"]));
    }

    [Fact]
    public void A_real_template_needs_a_renderer()
    {
        var sealedSecret = SealedSecretSealer.Seal(Input(), keys.First.PublicKey, SealingScope.Strict, Random);
        sealedSecret.Spec.Template.Data = new() { ["url"] = "https://{{ .PAYMENT_API_KEY }}" };

        var ex = Assert.Throws<SealedSecretException>(() => SealedSecretUnsealer.Unseal(sealedSecret, [keys.First]));
        var rendered = SealedSecretUnsealer.Unseal(sealedSecret, [keys.First], new UnsealOptions(TemplateRenderer: new UpperRenderer()));

        Assert.Contains("spec.template.data[\"url\"]", ex.Message, StringComparison.Ordinal);
        Assert.Equal("HTTPS://{{ .PAYMENT_API_KEY }}", Encoding.UTF8.GetString(rendered.Data["url"]));
    }

    [Fact]
    public void Legacy_data_is_refused_unless_accepted_and_then_opens()
    {
        var label = ScopeLabel.For(SealingScope.Strict, "ns", "old");
        var blob = HybridEncryption.Encrypt(keys.First.PublicKey, """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"x"},"data":{"k":"dg=="}}"""u8, label, Random);
        var sealedSecret = new SealedSecret { Metadata = new() { Name = "old", NamespaceProperty = "ns" }, Spec = new() { Data = blob } };

        var refused = Assert.Throws<SealedSecretException>(() => SealedSecretUnsealer.Unseal(sealedSecret, [keys.First]));
        var secret = SealedSecretUnsealer.Unseal(sealedSecret, [keys.First], new UnsealOptions(AcceptDeprecatedV1Data: true));
        sealedSecret.Spec.EncryptedData["k"] = "AgA=";
        var both = Assert.Throws<SealedSecretException>(() => SealedSecretUnsealer.Unseal(sealedSecret, [keys.First], new UnsealOptions(AcceptDeprecatedV1Data: true)));

        Assert.Equal("using deprecated 'data' field, use 'encryptedData' or flip the feature flag", refused.Message);
        Assert.Equal("v"u8.ToArray(), secret.Data["k"]);
        Assert.Equal("old", secret.Metadata.Name);
        Assert.Equal("cannot use the field 'encryptedData' and the deprecated field 'data' at the same time", both.Message);
    }

    [Fact]
    public void A_Secret_without_a_name_or_namespace_is_refused_by_field()
    {
        var noName = Input();
        noName.Metadata.Name = null;
        var noNamespace = Input();
        noNamespace.Metadata.NamespaceProperty = null;

        Assert.Equal("missing metadata.name in input Secret", Assert.Throws<SealedSecretException>(() => SealedSecretSealer.Seal(noName, keys.First.PublicKey, SealingScope.Strict, Random)).Message);
        Assert.Contains("metadata.namespace", Assert.Throws<SealedSecretException>(() => SealedSecretSealer.Seal(noNamespace, keys.First.PublicKey, SealingScope.Strict, Random)).Message, StringComparison.Ordinal);
        Assert.Null(SealedSecretSealer.Seal(noNamespace, keys.First.PublicKey, SealingScope.ClusterWide, Random).Metadata.NamespaceProperty);
    }

    private sealed class UpperRenderer : ISecretTemplateRenderer
    {
        public byte[] Render(string key, string source, IReadOnlyDictionary<string, byte[]> values) => Encoding.UTF8.GetBytes(source.ToUpperInvariant());
    }
}
