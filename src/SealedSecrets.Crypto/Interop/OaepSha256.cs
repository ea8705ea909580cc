using System.Security.Cryptography;

namespace SealedSecrets.Crypto.Interop;

/// <summary>
/// RSA-OAEP with SHA-256 as both the OAEP hash and the MGF1 hash, and an arbitrary label — the
/// padding upstream uses (Go <c>rsa.EncryptOAEP(sha256.New(), rand, pub, key, label)</c>).
/// </summary>
internal static unsafe class OaepSha256
{
    private static readonly IntPtr Sha256 = LibCrypto.EVP_sha256();

    // Setting up an EVP_PKEY_CTX (fetches, OSSL_PARAM round trips) costs about as much as the RSA
    // public operation itself, and a SealedSecret seals all its values under one key and label. So
    // each thread keeps its last encryption context and reuses it for the same key handle and label;
    // the context holds its own reference to the key, so at most one context per thread outlives use.
    [ThreadStatic]
    private static CachedContext? t_encryptContext;

    /// <summary>Encrypts into <paramref name="destination"/>, which must hold the modulus size; returns bytes written.</summary>
    internal static int Encrypt(SafeEvpPKeyHandle key, ReadOnlySpan<byte> label, ReadOnlySpan<byte> plaintext, Span<byte> destination)
    {
        var cached = t_encryptContext;
        IntPtr ctx;
        if (cached is not null && ReferenceEquals(cached.Key, key) && cached.Label.AsSpan().SequenceEqual(label))
        {
            ctx = cached.Context;
            t_encryptContext = null; // not reusable by a nested call while in use
        }
        else
        {
            ctx = NewContext(key, encrypt: true, label);
            cached = new CachedContext(key, label.ToArray(), ctx);
        }
        var ok = false;
        try
        {
            nuint written = (nuint)destination.Length;
            fixed (byte* input = plaintext)
            fixed (byte* output = destination)
            {
                if (LibCrypto.EVP_PKEY_encrypt(ctx, output, ref written, input, (nuint)plaintext.Length) <= 0)
                {
                    LibCrypto.ERR_clear_error();
                    throw new CryptographicException("OpenSSL RSA-OAEP encryption failed.");
                }
            }
            ok = true;
            return (int)written;
        }
        finally
        {
            if (ok)
            {
                if (t_encryptContext is { } previous && previous != cached)
                {
                    LibCrypto.EVP_PKEY_CTX_free(previous.Context);
                }
                t_encryptContext = cached;
            }
            else
            {
                LibCrypto.EVP_PKEY_CTX_free(ctx);
            }
        }
    }

    /// <summary>
    /// Decrypts into <paramref name="destination"/> (at least the modulus size). Returns the
    /// number of bytes written, or -1 when OAEP decoding fails — wrong key or wrong label; OpenSSL
    /// does not say which, and neither may we (Manger-style oracles).
    /// </summary>
    internal static int TryDecrypt(SafeEvpPKeyHandle key, ReadOnlySpan<byte> label, ReadOnlySpan<byte> ciphertext, Span<byte> destination)
    {
        var ctx = NewContext(key, encrypt: false, label);
        try
        {
            nuint written = (nuint)destination.Length;
            fixed (byte* input = ciphertext)
            fixed (byte* output = destination)
            {
                if (LibCrypto.EVP_PKEY_decrypt(ctx, output, ref written, input, (nuint)ciphertext.Length) <= 0)
                {
                    LibCrypto.ERR_clear_error();
                    return -1;
                }
            }
            return (int)written;
        }
        finally
        {
            LibCrypto.EVP_PKEY_CTX_free(ctx);
        }
    }

    private static IntPtr NewContext(SafeEvpPKeyHandle key, bool encrypt, ReadOnlySpan<byte> label)
    {
        var ctx = LibCrypto.EVP_PKEY_CTX_new(key, IntPtr.Zero);
        if (ctx == IntPtr.Zero)
        {
            LibCrypto.ERR_clear_error();
            throw new CryptographicException("OpenSSL could not create an EVP_PKEY_CTX.");
        }
        try
        {
            Check(encrypt ? LibCrypto.EVP_PKEY_encrypt_init(ctx) : LibCrypto.EVP_PKEY_decrypt_init(ctx), "init");
            Check(LibCrypto.EVP_PKEY_CTX_set_rsa_padding(ctx, LibCrypto.RsaPkcs1OaepPadding), "set_rsa_padding");
            Check(LibCrypto.EVP_PKEY_CTX_set_rsa_oaep_md(ctx, Sha256), "set_rsa_oaep_md");
            Check(LibCrypto.EVP_PKEY_CTX_set_rsa_mgf1_md(ctx, Sha256), "set_rsa_mgf1_md");
            if (!label.IsEmpty)
            {
                SetLabel(ctx, label);
            }
            return ctx;
        }
        catch
        {
            LibCrypto.EVP_PKEY_CTX_free(ctx);
            throw;
        }
    }

    // set0 takes ownership, so the label must live in OpenSSL's heap (CRYPTO_malloc); an empty
    // label is OpenSSL's default and is left unset.
    private static void SetLabel(IntPtr ctx, ReadOnlySpan<byte> label)
    {
        var buffer = LibCrypto.CRYPTO_malloc((nuint)label.Length, IntPtr.Zero, 0);
        if (buffer == IntPtr.Zero)
        {
            throw new CryptographicException("OpenSSL could not allocate the OAEP label.");
        }
        label.CopyTo(new Span<byte>((void*)buffer, label.Length));
        if (LibCrypto.EVP_PKEY_CTX_set0_rsa_oaep_label(ctx, buffer, label.Length) <= 0)
        {
            LibCrypto.CRYPTO_free(buffer, IntPtr.Zero, 0);
            LibCrypto.ERR_clear_error();
            throw new CryptographicException("OpenSSL rejected the OAEP label.");
        }
    }

    private sealed record CachedContext(SafeEvpPKeyHandle Key, byte[] Label, IntPtr Context);

    private static void Check(int result, string step)
    {
        if (result <= 0)
        {
            LibCrypto.ERR_clear_error();
            throw new CryptographicException($"OpenSSL RSA-OAEP setup failed at {step}.");
        }
    }
}
