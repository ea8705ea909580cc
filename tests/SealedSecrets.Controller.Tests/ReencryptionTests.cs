using System.Security.Cryptography;
using System.Text;
using SealedSecrets.Api;
using SealedSecrets.Controller.Http;
using SealedSecrets.Crypto;

namespace SealedSecrets.Controller.Tests;

/// <summary>/v1/verify and /v1/rotate, including upstream's security fixes as regression tests (reference §6).</summary>
public sealed class ReencryptionTests
{
    private static readonly Dictionary<string, string> Values = new() { ["password"] = "hunter2" };

    [Fact]
    public void Verify_says_yes_for_a_value_a_key_opens_and_no_otherwise()
    {
        var reencryption = new Reencryption(TestKeys.Registry(0, 1), RandomNumberGenerator.Create());
        Assert.True(reencryption.CanDecrypt(TestKeys.Seal(1, "ns", "a", Values)));
        Assert.False(reencryption.CanDecrypt(TestKeys.Seal(2, "ns", "a", Values)));
        var moved = TestKeys.Seal(0, "ns", "a", Values);
        moved.Metadata.Name = "b";
        Assert.False(reencryption.CanDecrypt(moved));
    }

    [Fact]
    public void Rotate_reseals_every_value_for_the_newest_key()
    {
        var registry = TestKeys.Registry(0, 1);
        var reencryption = new Reencryption(registry, RandomNumberGenerator.Create());
        var rotated = reencryption.Rotate(TestKeys.Seal(0, "ns", "a", Values));

        var newestOnly = TestKeys.Registry(1);
        var secret = SealedSecretUnsealer.Unseal(rotated, [newestOnly.Latest!.PrivateKey]);
        Assert.Equal("hunter2", Encoding.UTF8.GetString(secret.Data["password"]));
        Assert.Null(rotated.Metadata.CreationTimestamp);
    }

    [Theory]
    [InlineData(SealedSecretAnnotations.ClusterWide)]
    [InlineData(SealedSecretAnnotations.NamespaceWide)]
    public void Rotate_keeps_the_objects_own_scope_whatever_the_template_claims_CVE_2026_22728(string claimed)
    {
        var reencryption = new Reencryption(TestKeys.Registry(0), RandomNumberGenerator.Create());
        var victim = TestKeys.Seal(0, "victim", "db", Values);
        victim.Spec.Template.Metadata!.Annotations = new Dictionary<string, string> { [claimed] = "true" };

        var rotated = reencryption.Rotate(victim);

        Assert.Equal(SealingScope.Strict, rotated.GetScope());
        Assert.Equal(SealingScope.Strict, SealingScopeReader.FromAnnotations(rotated.Spec.Template.Metadata!.Annotations));
        // Moved to the attacker's namespace and relabelled as the template claimed, it must not open.
        rotated.Metadata.NamespaceProperty = "attacker";
        rotated.Metadata.Annotations = new Dictionary<string, string> { [claimed] = "true" };
        Assert.Throws<SealedSecretException>(() => SealedSecretUnsealer.Unseal(rotated, [TestKeys.Key(0).PrivateKey]));
        // The label really is victim/db.
        var value = SealedValueEncoding.FromBase64(rotated.Spec.EncryptedData["password"]);
        Assert.Equal("hunter2", Encoding.UTF8.GetString(HybridEncryption.Decrypt(TestKeys.Key(0).PrivateKey, value, "victim/db"u8)));
    }

    [Fact]
    public void Verify_and_rotate_never_execute_templates_so_they_are_no_decryption_oracle()
    {
        var reencryption = new Reencryption(TestKeys.Registry(0), RandomNumberGenerator.Create());
        var probe = TestKeys.Seal(0, "victim", "db", Values);
        // A template that would fail (or branch on the plaintext) if rendered.
        probe.Spec.Template.Data = new Dictionary<string, string?> { ["leak"] = "{{ if eq (index .password 0) 104 }}{{ fail \"h\" }}{{ end }}" };

        Assert.True(reencryption.CanDecrypt(probe));
        var rotated = reencryption.Rotate(probe);
        Assert.Equal(probe.Spec.Template.Data, rotated.Spec.Template.Data);
        Assert.Equal(["password"], rotated.Spec.EncryptedData.Keys);
    }

    [Fact]
    public void Rotate_fails_with_key_names_only_when_a_value_does_not_open()
    {
        var reencryption = new Reencryption(TestKeys.Registry(0), RandomNumberGenerator.Create());
        var ex = Assert.Throws<SealedSecretException>(() => reencryption.Rotate(TestKeys.Seal(3, "ns", "a", Values)));
        Assert.Equal("no key could decrypt secret (password)", ex.Message);
    }
}
