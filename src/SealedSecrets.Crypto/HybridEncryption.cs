using System.Buffers.Binary;
using System.Security.Cryptography;
using SealedSecrets.Crypto.Interop;

namespace SealedSecrets.Crypto;

/// <summary>
/// One sealed value in upstream's exact layout (<c>pkg/crypto/crypto.go</c>, reference
/// sealed-secrets.md §1.1):
/// <code>
/// uint16 big-endian len(rsa) ‖ rsa = RSA-OAEP(SHA-256, MGF1-SHA-256, label)(session key)
///                            ‖ AES-256-GCM(session key, nonce = 12 zero bytes, no AAD)(plaintext) ‖ tag(16)
/// </code>
/// The session key is 32 fresh bytes used once, which is why a fixed nonce is safe. The prefix
/// holds only the RSA part's length; the GCM part runs to the end, so any plaintext size works.
/// Keys, label and randomness are parameters: this class knows nothing of Kubernetes or clocks.
/// </summary>
public static class HybridEncryption
{
    /// <summary>Session (AES-256) key size upstream uses (<c>sessionKeyBytes</c>).</summary>
    public const int SessionKeySize = 32;

    /// <summary>GCM nonce size; the nonce is all zeros.</summary>
    public const int NonceSize = 12;

    /// <summary>GCM tag size, appended to the ciphertext as Go's <c>aead.Seal</c> does.</summary>
    public const int TagSize = 16;

    private const int PrefixSize = 2;

    /// <summary>Total size of a sealed value: 2 + modulus + plaintext + 16.</summary>
    public static int SealedSize(int modulusSize, int plaintextLength) => PrefixSize + modulusSize + plaintextLength + TagSize;

    /// <summary>
    /// Seals <paramref name="plaintext"/> for <paramref name="key"/> under <paramref name="label"/>
    /// (see <see cref="ScopeLabel"/>). The session key comes from <paramref name="random"/>; the OAEP
    /// seed comes from OpenSSL's own generator.
    /// </summary>
    public static byte[] Encrypt(SealingPublicKey key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> label, RandomNumberGenerator random)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(random);
        if (plaintext.Length > int.MaxValue - SealedSize(key.ModulusSize, 0))
        {
            throw new ArgumentOutOfRangeException(nameof(plaintext), "plaintext is too large to seal");
        }

        var output = new byte[SealedSize(key.ModulusSize, plaintext.Length)];
        Span<byte> sessionKey = stackalloc byte[SessionKeySize];
        try
        {
            random.GetBytes(sessionKey);
            var rsaLength = OaepSha256.Encrypt(key.Handle, label, sessionKey, output.AsSpan(PrefixSize, key.ModulusSize));
            if (rsaLength != key.ModulusSize)
            {
                throw new CryptographicException("RSA-OAEP output is not the modulus size.");
            }
            BinaryPrimitives.WriteUInt16BigEndian(output, (ushort)rsaLength);

            var gcm = output.AsSpan(PrefixSize + rsaLength);
            using var aes = new AesGcm(sessionKey, TagSize);
            aes.Encrypt(stackalloc byte[NonceSize], plaintext, gcm[..plaintext.Length], gcm[plaintext.Length..]);
            return output;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(sessionKey);
        }
    }

    /// <summary>Seals and returns the standard padded base64 text used in <c>encryptedData</c>.</summary>
    public static string EncryptToBase64(SealingPublicKey key, ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> label, RandomNumberGenerator random) =>
        SealedValueEncoding.ToBase64(Encrypt(key, plaintext, label, random));

    /// <summary>Opens a value sealed for <paramref name="key"/>; throws <see cref="SealedValueException"/> saying why not.</summary>
    public static byte[] Decrypt(SealingPrivateKey key, ReadOnlySpan<byte> sealedValue, ReadOnlySpan<byte> label)
    {
        ArgumentNullException.ThrowIfNull(key);
        return TryDecrypt(key, sealedValue, label, out var plaintext) is { } error
            ? throw new SealedValueException(error)
            : plaintext;
    }

    /// <summary>
    /// Opens a value with whichever of <paramref name="keys"/> sealed it (the ciphertext does not
    /// say). Keys are tried in the given order, so put the likeliest first; keys whose modulus is
    /// too small for the RSA part are skipped without a private operation. When all fail the error is
    /// upstream's <c>no key could decrypt secret</c>, except for key-independent damage
    /// (<see cref="SealedValueError.TooShort"/>), which is reported as such.
    /// </summary>
    public static DecryptionResult Decrypt(IEnumerable<SealingPrivateKey> keys, ReadOnlySpan<byte> sealedValue, ReadOnlySpan<byte> label)
    {
        ArgumentNullException.ThrowIfNull(keys);
        if (!TrySplit(sealedValue, out _, out _))
        {
            throw new SealedValueException(SealedValueError.TooShort);
        }
        foreach (var key in keys)
        {
            if (TryDecrypt(key, sealedValue, label, out var plaintext) is null)
            {
                return new DecryptionResult(plaintext, key);
            }
        }
        throw new SealedValueException(SealedValueError.NoKeyCouldDecrypt);
    }

    /// <summary>Decodes base64 text, then opens it as <see cref="Decrypt(IEnumerable{SealingPrivateKey}, ReadOnlySpan{byte}, ReadOnlySpan{byte})"/>.</summary>
    public static DecryptionResult DecryptBase64(IEnumerable<SealingPrivateKey> keys, string sealedValue, ReadOnlySpan<byte> label) =>
        Decrypt(keys, SealedValueEncoding.FromBase64(sealedValue), label);

    /// <summary>Opens a value without throwing: null on success, else the reason.</summary>
    public static SealedValueError? TryDecrypt(SealingPrivateKey key, ReadOnlySpan<byte> sealedValue, ReadOnlySpan<byte> label, out byte[] plaintext)
    {
        ArgumentNullException.ThrowIfNull(key);
        plaintext = [];
        if (!TrySplit(sealedValue, out var rsaPart, out var gcmPart))
        {
            return SealedValueError.TooShort;
        }
        if (rsaPart.Length > key.ModulusSize)
        {
            return SealedValueError.KeySizeMismatch;
        }
        if (gcmPart.Length < TagSize)
        {
            return SealedValueError.AuthenticationFailed;
        }

        // Bounded by the key, not by anything in the input.
        var sessionBuffer = key.ModulusSize <= 1024 ? stackalloc byte[key.ModulusSize] : new byte[key.ModulusSize];
        try
        {
            var sessionLength = OaepSha256.TryDecrypt(key.Handle, label, rsaPart, sessionBuffer);
            if (sessionLength < 0)
            {
                return SealedValueError.WrongKeyOrLabel;
            }
            // Go's aes.NewCipher accepts 16, 24 or 32 byte keys; sealers always use 32.
            if (sessionLength is not (16 or 24 or 32))
            {
                return SealedValueError.InvalidSessionKey;
            }

            var ciphertextLength = gcmPart.Length - TagSize;
            var result = new byte[ciphertextLength];
            using var aes = new AesGcm(sessionBuffer[..sessionLength], TagSize);
            try
            {
                aes.Decrypt(stackalloc byte[NonceSize], gcmPart[..ciphertextLength], gcmPart[ciphertextLength..], result);
            }
            catch (AuthenticationTagMismatchException)
            {
                return SealedValueError.AuthenticationFailed;
            }
            plaintext = result;
            return null;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(sessionBuffer);
        }
    }

    // Upstream singleDecrypt: at least 2 bytes, and at least 2 + n where n is the prefix.
    private static bool TrySplit(ReadOnlySpan<byte> sealedValue, out ReadOnlySpan<byte> rsaPart, out ReadOnlySpan<byte> gcmPart)
    {
        rsaPart = default;
        gcmPart = default;
        if (sealedValue.Length < PrefixSize)
        {
            return false;
        }
        int rsaLength = BinaryPrimitives.ReadUInt16BigEndian(sealedValue);
        if (sealedValue.Length < PrefixSize + rsaLength)
        {
            return false;
        }
        rsaPart = sealedValue.Slice(PrefixSize, rsaLength);
        gcmPart = sealedValue[(PrefixSize + rsaLength)..];
        return true;
    }
}
