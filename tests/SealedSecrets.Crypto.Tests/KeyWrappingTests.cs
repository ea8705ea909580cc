using System.Security.Cryptography;
using SealedSecrets.Crypto;

namespace SealedSecrets.Crypto.Tests;

public sealed class KeyWrappingTests
{
    private static readonly RandomNumberGenerator Random = RandomNumberGenerator.Create();

    [Fact]
    public void An_RSAOpenSsl_key_and_a_platform_RSA_key_can_both_be_wrapped()
    {
        using var openSsl = new RSAOpenSsl(2048);
        using var platform = RSA.Create(2048);

        using var fromOpenSsl = SealingPrivateKey.FromRsa(openSsl);
        using var fromPlatform = SealingPrivateKey.FromRsa(platform);
        using var publicOnly = SealingPublicKey.FromRsa(platform);

        var value = HybridEncryption.Encrypt(fromOpenSsl.PublicKey, "a"u8, "l"u8, Random);
        Assert.Equal("a"u8.ToArray(), HybridEncryption.Decrypt(fromOpenSsl, value, "l"u8));
        var other = HybridEncryption.Encrypt(publicOnly, "b"u8, "l"u8, Random);
        Assert.Equal("b"u8.ToArray(), HybridEncryption.Decrypt(fromPlatform, other, "l"u8));
        Assert.Equal(256, fromPlatform.ModulusSize);
        Assert.Equal(publicOnly.Fingerprint, fromPlatform.Fingerprint);
        Assert.Equal(KeyFingerprint.Of(openSsl), fromOpenSsl.Fingerprint);
    }

    [Fact]
    public void A_wrapped_key_keeps_working_after_the_original_is_disposed()
    {
        SealingPrivateKey wrapped;
        using (var original = new RSAOpenSsl(2048))
        {
            wrapped = SealingPrivateKey.FromRsa(original);
        }
        using (wrapped)
        {
            var value = HybridEncryption.Encrypt(wrapped.PublicKey, "a"u8, [], Random);
            Assert.Equal("a"u8.ToArray(), HybridEncryption.Decrypt(wrapped, value, []));
        }
    }

    [Fact]
    public void Concurrent_seal_and_unseal_on_one_key_are_safe()
    {
        using var key = SealingPrivateKey.Generate(2048);
        var label = "ns/a"u8.ToArray();

        Parallel.For(0, 64, i =>
        {
            using var random = RandomNumberGenerator.Create();
            var plaintext = BitConverter.GetBytes(i);
            var value = HybridEncryption.Encrypt(key.PublicKey, plaintext, label, random);
            Assert.Equal(plaintext, HybridEncryption.Decrypt(key, value, label));
        });
    }
}
