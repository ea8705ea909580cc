using System.Security.Cryptography;
using SealedSecrets.Crypto;

namespace SealedSecrets.Crypto.Tests;

[Collection(SharedKeys.Name)]
public sealed class OracleTests(KeyFixture keys)
{
    private static readonly RandomNumberGenerator Random = RandomNumberGenerator.Create();

    public static TheoryData<SealingScope> Scopes => [SealingScope.Strict, SealingScope.NamespaceWide, SealingScope.ClusterWide];

    [Theory]
    [MemberData(nameof(Scopes))]
    public void BouncyCastle_opens_what_we_seal(SealingScope scope)
    {
        var key = keys.First.PrivateKey;
        var label = ScopeLabel.For(scope, "production", "checkout-secrets");
        var plaintext = RandomNumberGenerator.GetBytes(1000);

        var sealedValue = HybridEncryption.Encrypt(key.PublicKey, plaintext, label, Random);

        Assert.Equal(plaintext, BouncyCastleOracle.Open(key, sealedValue, label));
    }

    [Theory]
    [MemberData(nameof(Scopes))]
    public void We_open_what_BouncyCastle_seals(SealingScope scope)
    {
        var key = keys.First.PrivateKey;
        var label = ScopeLabel.For(scope, "production", "checkout-secrets");
        var plaintext = RandomNumberGenerator.GetBytes(1000);

        var sealedValue = BouncyCastleOracle.Seal(key, plaintext, label);

        Assert.Equal(plaintext, HybridEncryption.Decrypt(key, sealedValue, label));
    }

    [Fact]
    public void A_BouncyCastle_value_under_another_label_is_refused()
    {
        var key = keys.First.PrivateKey;
        var sealedValue = BouncyCastleOracle.Seal(key, [1, 2, 3], "ns/a"u8.ToArray());

        Assert.Equal(SealedValueError.WrongKeyOrLabel, HybridEncryption.TryDecrypt(key, sealedValue, "ns/b"u8, out _));
    }

    [Fact]
    public void A_16_byte_session_key_opens_as_Go_accepts_AES_128()
    {
        var key = keys.First.PrivateKey;
        var sealedValue = BouncyCastleOracle.Seal(key, [1, 2, 3], [], sessionKeySize: 16);

        Assert.Equal(new byte[] { 1, 2, 3 }, HybridEncryption.Decrypt(key, sealedValue, []));
    }

    [Fact]
    public void A_session_key_of_another_length_is_a_typed_error()
    {
        var key = keys.First.PrivateKey;
        var sealedValue = BouncyCastleOracle.Seal(key, [1, 2, 3], [], sessionKeySize: 16);
        var withOddKey = BouncyCastleOracle.Seal(key, [], [], sessionKeySize: 5);
        // Keep the 5-byte-key RSA part, attach any GCM part: the key length is checked first.
        var crafted = withOddKey.Take(514).Concat(sealedValue.Skip(514)).ToArray();

        Assert.Equal(SealedValueError.InvalidSessionKey, HybridEncryption.TryDecrypt(key, crafted, [], out _));
    }
}
