using System.Security.Cryptography;
using SealedSecrets.Crypto;

namespace SealedSecrets.Crypto.Tests;

[Collection(SharedKeys.Name)]
public sealed class MalformedInputTests(KeyFixture keys)
{
    private static readonly RandomNumberGenerator Random = RandomNumberGenerator.Create();

    private SealingPrivateKey Key => keys.First.PrivateKey;

    private byte[] Good(byte[]? label = null) => HybridEncryption.Encrypt(Key.PublicKey, "secret-value"u8, label ?? "ns/a"u8.ToArray(), Random);

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x02 })]
    [InlineData(new byte[] { 0x02, 0x00 })]
    [InlineData(new byte[] { 0xFF, 0xFF, 1, 2, 3 })]
    public void Input_shorter_than_its_length_prefix_is_too_short(byte[] input)
    {
        var ex = Assert.Throws<SealedValueException>(() => HybridEncryption.Decrypt(Key, input, "ns/a"u8));

        Assert.Equal(SealedValueError.TooShort, ex.Error);
        Assert.Equal("SealedSecret data is too short", ex.Message);
    }

    [Fact]
    public void A_truncated_value_is_too_short_or_fails_authentication()
    {
        var good = Good();

        Assert.Equal(SealedValueError.TooShort, HybridEncryption.TryDecrypt(Key, good.AsSpan(0, 300), "ns/a"u8, out _));
        Assert.Equal(SealedValueError.AuthenticationFailed, HybridEncryption.TryDecrypt(Key, good.AsSpan(0, 514 + 10), "ns/a"u8, out _));
        Assert.Equal(SealedValueError.AuthenticationFailed, HybridEncryption.TryDecrypt(Key, good.AsSpan(0, good.Length - 1), "ns/a"u8, out _));
    }

    [Fact]
    public void A_value_sealed_from_too_short_input_errors_the_same_way_with_many_keys()
    {
        var ex = Assert.Throws<SealedValueException>(() => HybridEncryption.Decrypt([Key, keys.Second.PrivateKey], new byte[] { 0x02, 0x00, 1 }, "ns/a"u8));

        Assert.Equal(SealedValueError.TooShort, ex.Error);
    }

    [Fact]
    public void A_length_prefix_larger_than_the_modulus_is_a_key_size_mismatch()
    {
        var good = Good();
        var longer = new byte[good.Length + 1];
        longer[0] = 0x02;
        longer[1] = 0x01;
        good.AsSpan(2).CopyTo(longer.AsSpan(2));

        Assert.Equal(SealedValueError.KeySizeMismatch, HybridEncryption.TryDecrypt(Key, longer, "ns/a"u8, out _));
    }

    [Fact]
    public void A_length_prefix_smaller_than_the_modulus_fails_to_decrypt()
    {
        var good = Good();
        good[1] = 0x00;
        good[0] = 0x01;

        Assert.NotNull(HybridEncryption.TryDecrypt(Key, good, "ns/a"u8, out var plaintext));
        Assert.Empty(plaintext);
    }

    [Fact]
    public void The_wrong_key_is_reported_as_wrong_key_or_label()
    {
        var ex = Assert.Throws<SealedValueException>(() => HybridEncryption.Decrypt(keys.Second.PrivateKey, Good(), "ns/a"u8));

        Assert.Equal(SealedValueError.WrongKeyOrLabel, ex.Error);
    }

    [Fact]
    public void The_wrong_label_is_reported_as_wrong_key_or_label()
    {
        Assert.Equal(SealedValueError.WrongKeyOrLabel, HybridEncryption.TryDecrypt(Key, Good(), "ns/b"u8, out _));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(-16)]
    [InlineData(-17)]
    public void A_tampered_tag_or_ciphertext_fails_authentication(int offsetFromEnd)
    {
        var value = Good();
        value[^-offsetFromEnd] ^= 0x01;

        var ex = Assert.Throws<SealedValueException>(() => HybridEncryption.Decrypt(Key, value, "ns/a"u8));

        Assert.Equal(SealedValueError.AuthenticationFailed, ex.Error);
    }

    [Fact]
    public void A_tampered_RSA_part_is_wrong_key_or_label()
    {
        var value = Good();
        value[100] ^= 0x01;

        Assert.Equal(SealedValueError.WrongKeyOrLabel, HybridEncryption.TryDecrypt(Key, value, "ns/a"u8, out _));
    }

    [Theory]
    [InlineData("AgA x")]
    [InlineData("AgA\tAAAA")]
    [InlineData("AgA-_A==")]
    [InlineData("AgA")]
    [InlineData("!!!!")]
    public void Text_that_is_not_standard_padded_base64_is_refused(string text)
    {
        var ex = Assert.Throws<SealedValueException>(() => HybridEncryption.DecryptBase64([Key], text, "ns/a"u8));

        Assert.Equal(SealedValueError.InvalidBase64, ex.Error);
    }

    [Fact]
    public void Base64_broken_over_lines_is_accepted_as_Go_does()
    {
        var text = SealedValueEncoding.ToBase64(Good());
        var wrapped = string.Join("\r\n", text.Chunk(76).Select(c => new string(c)));

        Assert.Equal("secret-value"u8.ToArray(), HybridEncryption.DecryptBase64([Key], wrapped, "ns/a"u8).Plaintext);
    }

    [Fact]
    public void Error_messages_never_contain_the_plaintext()
    {
        var value = Good();
        value[^1] ^= 1;

        var ex = Assert.Throws<SealedValueException>(() => HybridEncryption.Decrypt(Key, value, "ns/a"u8));

        Assert.DoesNotContain("secret-value", ex.ToString(), StringComparison.Ordinal);
    }
}
