using System.Security.Cryptography;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using SealedSecrets.Crypto;

namespace SealedSecrets.Crypto.Tests;

[Collection(SharedKeys.Name)]
public sealed class RandomInputPropertyTests(KeyFixture keys)
{
    private static readonly RandomNumberGenerator Random = RandomNumberGenerator.Create();

    [Property(MaxTest = 300)]
    public bool Random_bytes_only_ever_give_a_typed_error(byte[] input, string label)
    {
        var error = HybridEncryption.TryDecrypt(keys.First.PrivateKey, input, System.Text.Encoding.UTF8.GetBytes(label ?? ""), out var plaintext);
        return error is not null && plaintext.Length == 0;
    }

    // Random bytes behind a well-formed 512-byte prefix reach OpenSSL and AES-GCM (one private
    // operation each, so fewer cases).
    [Property(MaxTest = 60)]
    public bool Random_bytes_behind_a_valid_prefix_only_ever_give_a_typed_error(NonEmptyArray<byte> body)
    {
        var input = new byte[2 + 512 + body.Get.Length];
        input[0] = 0x02;
        RandomNumberGenerator.Fill(input.AsSpan(2, 512));
        body.Get.CopyTo(input, 514);

        var thrown = Record.Exception(() => HybridEncryption.Decrypt([keys.First.PrivateKey, keys.Second.PrivateKey], input, []));

        return thrown is SealedValueException { Error: SealedValueError.NoKeyCouldDecrypt };
    }

    [Property(MaxTest = 40)]
    public bool Any_plaintext_and_label_round_trip(byte[] plaintext, byte[] label)
    {
        var key = keys.First.PrivateKey;
        var sealedValue = HybridEncryption.Encrypt(key.PublicKey, plaintext, label, Random);
        return HybridEncryption.Decrypt(key, sealedValue, label).AsSpan().SequenceEqual(plaintext);
    }

    [Property(MaxTest = 40)]
    public bool Flipping_any_bit_of_a_sealed_value_makes_it_fail(PositiveInt position, byte bit)
    {
        var key = keys.First.PrivateKey;
        var sealedValue = HybridEncryption.Encrypt(key.PublicKey, "v"u8, "ns/a"u8, Random);
        var index = position.Get % sealedValue.Length;
        sealedValue[index] ^= (byte)(1 << (bit % 8));
        return HybridEncryption.TryDecrypt(key, sealedValue, "ns/a"u8, out _) is not null;
    }
}
