using System.Security.Cryptography;
using System.Text;
using SealedSecrets.Crypto;

namespace SealedSecrets.Crypto.Tests;

[Collection(SharedKeys.Name)]
public sealed class HybridEncryptionTests(KeyFixture keys)
{
    private static readonly RandomNumberGenerator Random = RandomNumberGenerator.Create();

    private SealingPrivateKey Key => keys.First.PrivateKey;

    [Theory]
    [InlineData(SealingScope.Strict)]
    [InlineData(SealingScope.NamespaceWide)]
    [InlineData(SealingScope.ClusterWide)]
    public void A_value_sealed_in_each_scope_opens_with_the_same_label(SealingScope scope)
    {
        var label = ScopeLabel.For(scope, "production", "checkout-secrets");
        var plaintext = Encoding.UTF8.GetBytes("sk_live_xxx");

        var sealedValue = HybridEncryption.Encrypt(Key.PublicKey, plaintext, label, Random);

        Assert.Equal(plaintext, HybridEncryption.Decrypt(Key, sealedValue, label));
    }

    [Fact]
    public void The_layout_is_a_big_endian_RSA_length_then_the_RSA_part_then_ciphertext_and_tag()
    {
        var plaintext = new byte[100];
        var sealedValue = HybridEncryption.Encrypt(Key.PublicKey, plaintext, [], Random);

        Assert.Equal(2 + 512 + 100 + 16, sealedValue.Length);
        Assert.Equal(0x02, sealedValue[0]);
        Assert.Equal(0x00, sealedValue[1]);
        Assert.StartsWith("Ag", SealedValueEncoding.ToBase64(sealedValue), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_seal_uses_a_fresh_session_key()
    {
        var a = HybridEncryption.Encrypt(Key.PublicKey, "same"u8, [], Random);
        var b = HybridEncryption.Encrypt(Key.PublicKey, "same"u8, [], Random);

        Assert.NotEqual(a.AsSpan(514).ToArray(), b.AsSpan(514).ToArray());
    }

    [Fact]
    public void The_session_key_comes_from_the_given_random_source()
    {
        using var fixedRandom = new FixedRandom(0x42);
        var sealedValue = HybridEncryption.Encrypt(Key.PublicKey, "x"u8, [], fixedRandom);

        var expected = new byte[17];
        using (var aes = new AesGcm(Enumerable.Repeat((byte)0x42, 32).ToArray(), 16))
        {
            aes.Encrypt(new byte[12], "x"u8, expected.AsSpan(0, 1), expected.AsSpan(1));
        }
        Assert.Equal(expected, sealedValue.AsSpan(514).ToArray());
    }

    [Theory]
    [InlineData("ns", "a", "ns", "b")]
    [InlineData("ns", "a", "other", "a")]
    [InlineData("ns", "a", "", "")]
    public void A_strict_value_does_not_open_under_another_name_or_namespace(string ns, string name, string otherNs, string otherName)
    {
        var sealedValue = HybridEncryption.Encrypt(Key.PublicKey, "v"u8, ScopeLabel.For(SealingScope.Strict, ns, name), Random);

        var error = HybridEncryption.TryDecrypt(Key, sealedValue, ScopeLabel.For(SealingScope.Strict, otherNs, otherName), out var plaintext);

        Assert.Equal(SealedValueError.WrongKeyOrLabel, error);
        Assert.Empty(plaintext);
    }

    [Fact]
    public void A_strict_value_does_not_open_as_namespace_wide_or_cluster_wide()
    {
        var sealedValue = HybridEncryption.Encrypt(Key.PublicKey, "v"u8, ScopeLabel.For(SealingScope.Strict, "ns", "a"), Random);

        Assert.Equal(SealedValueError.WrongKeyOrLabel, HybridEncryption.TryDecrypt(Key, sealedValue, ScopeLabel.For(SealingScope.NamespaceWide, "ns", "a"), out _));
        Assert.Equal(SealedValueError.WrongKeyOrLabel, HybridEncryption.TryDecrypt(Key, sealedValue, ScopeLabel.For(SealingScope.ClusterWide, "ns", "a"), out _));
    }

    [Fact]
    public void A_namespace_wide_value_opens_under_any_name_but_not_in_another_namespace()
    {
        var sealedValue = HybridEncryption.Encrypt(Key.PublicKey, "v"u8, ScopeLabel.For(SealingScope.NamespaceWide, "ns", "a"), Random);

        Assert.Equal("v"u8.ToArray(), HybridEncryption.Decrypt(Key, sealedValue, ScopeLabel.For(SealingScope.NamespaceWide, "ns", "zzz")));
        Assert.Equal(SealedValueError.WrongKeyOrLabel, HybridEncryption.TryDecrypt(Key, sealedValue, ScopeLabel.For(SealingScope.NamespaceWide, "other", "a"), out _));
    }

    [Fact]
    public void A_cluster_wide_value_opens_anywhere()
    {
        var sealedValue = HybridEncryption.Encrypt(Key.PublicKey, "v"u8, ScopeLabel.For(SealingScope.ClusterWide, "ns", "a"), Random);

        Assert.Equal("v"u8.ToArray(), HybridEncryption.Decrypt(Key, sealedValue, ScopeLabel.For(SealingScope.ClusterWide, "elsewhere", "b")));
    }

    [Fact]
    public void An_empty_plaintext_and_a_large_one_both_round_trip()
    {
        var large = RandomNumberGenerator.GetBytes(200 * 1024);

        Assert.Empty(HybridEncryption.Decrypt(Key, HybridEncryption.Encrypt(Key.PublicKey, [], [], Random), []));
        Assert.Equal(large, HybridEncryption.Decrypt(Key, HybridEncryption.Encrypt(Key.PublicKey, large, "ns"u8, Random), "ns"u8));
    }

    [Fact]
    public void Several_keys_are_tried_and_the_one_that_worked_is_returned()
    {
        var sealedValue = HybridEncryption.Encrypt(keys.Second.PrivateKey.PublicKey, "v"u8, "ns/a"u8, Random);

        var result = HybridEncryption.Decrypt([keys.First.PrivateKey, keys.Second.PrivateKey], sealedValue, "ns/a"u8);

        Assert.Equal("v"u8.ToArray(), result.Plaintext);
        Assert.Same(keys.Second.PrivateKey, result.Key);
    }

    [Fact]
    public void When_no_key_opens_a_value_the_error_is_upstreams_text()
    {
        var sealedValue = HybridEncryption.Encrypt(keys.Second.PrivateKey.PublicKey, "v"u8, "ns/a"u8, Random);

        var wrongKey = Assert.Throws<SealedValueException>(() => HybridEncryption.Decrypt([keys.First.PrivateKey], sealedValue, "ns/a"u8));
        var noKeys = Assert.Throws<SealedValueException>(() => HybridEncryption.Decrypt([], sealedValue, "ns/a"u8));

        Assert.Equal(SealedValueError.NoKeyCouldDecrypt, wrongKey.Error);
        Assert.Equal("no key could decrypt secret", wrongKey.Message);
        Assert.Equal(SealedValueError.NoKeyCouldDecrypt, noKeys.Error);
    }

    [Fact]
    public void Base64_text_round_trips_through_the_string_api()
    {
        var text = HybridEncryption.EncryptToBase64(Key.PublicKey, "hello"u8, "ns/a"u8, Random);

        Assert.Equal("hello"u8.ToArray(), HybridEncryption.DecryptBase64([Key], text, "ns/a"u8).Plaintext);
    }

    [Fact]
    public void Alternating_keys_and_labels_on_one_thread_never_reuse_the_wrong_context()
    {
        var first = keys.First.PrivateKey;
        var second = keys.Second.PrivateKey;
        var cases = new (SealingPrivateKey Key, byte[] Label)[] { (first, "ns/a"u8.ToArray()), (first, "ns/b"u8.ToArray()), (second, "ns/b"u8.ToArray()), (first, "ns/a"u8.ToArray()), (first, []) };

        var sealedValues = cases.Select(c => HybridEncryption.Encrypt(c.Key.PublicKey, "v"u8, c.Label, Random)).ToList();

        for (var i = 0; i < cases.Length; i++)
        {
            Assert.Equal("v"u8.ToArray(), HybridEncryption.Decrypt(cases[i].Key, sealedValues[i], cases[i].Label));
        }
        Assert.Equal(SealedValueError.WrongKeyOrLabel, HybridEncryption.TryDecrypt(first, sealedValues[1], "ns/a"u8, out _));
    }

    private sealed class FixedRandom(byte value) : RandomNumberGenerator
    {
        public override void GetBytes(byte[] data) => data.AsSpan().Fill(value);

        public override void GetBytes(Span<byte> data) => data.Fill(value);
    }
}
