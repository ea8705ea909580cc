using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace SealedSecrets.Crypto.Interop;

/// <summary>
/// The few OpenSSL 3 entry points needed for RSA-OAEP with a label, which .NET's
/// <c>RSAEncryptionPadding</c> cannot express (reference/perf-security.md §1.1). This is the same
/// <c>libcrypto.so.3</c> the runtime's own crypto shim loads, so the key handles are shared.
/// </summary>
internal static unsafe partial class LibCrypto
{
    private const string Library = "libcrypto.so.3";

    /// <summary><c>RSA_PKCS1_OAEP_PADDING</c> from <c>openssl/rsa.h</c>.</summary>
    internal const int RsaPkcs1OaepPadding = 4;

    [LibraryImport(Library)]
    internal static partial IntPtr EVP_PKEY_CTX_new(SafeEvpPKeyHandle pkey, IntPtr engine);

    [LibraryImport(Library)]
    internal static partial void EVP_PKEY_CTX_free(IntPtr ctx);

    [LibraryImport(Library)]
    internal static partial int EVP_PKEY_encrypt_init(IntPtr ctx);

    [LibraryImport(Library)]
    internal static partial int EVP_PKEY_decrypt_init(IntPtr ctx);

    [LibraryImport(Library)]
    internal static partial int EVP_PKEY_CTX_set_rsa_padding(IntPtr ctx, int padding);

    [LibraryImport(Library)]
    internal static partial int EVP_PKEY_CTX_set_rsa_oaep_md(IntPtr ctx, IntPtr md);

    [LibraryImport(Library)]
    internal static partial int EVP_PKEY_CTX_set_rsa_mgf1_md(IntPtr ctx, IntPtr md);

    /// <summary>Takes ownership of <paramref name="label"/> on success only (OpenSSL frees it).</summary>
    [LibraryImport(Library)]
    internal static partial int EVP_PKEY_CTX_set0_rsa_oaep_label(IntPtr ctx, IntPtr label, int length);

    [LibraryImport(Library)]
    internal static partial int EVP_PKEY_encrypt(IntPtr ctx, byte* output, ref nuint outputLength, byte* input, nuint inputLength);

    [LibraryImport(Library)]
    internal static partial int EVP_PKEY_decrypt(IntPtr ctx, byte* output, ref nuint outputLength, byte* input, nuint inputLength);

    [LibraryImport(Library)]
    internal static partial IntPtr EVP_sha256();

    [LibraryImport(Library)]
    internal static partial IntPtr CRYPTO_malloc(nuint size, IntPtr file, int line);

    [LibraryImport(Library)]
    internal static partial void CRYPTO_free(IntPtr pointer, IntPtr file, int line);

    [LibraryImport(Library)]
    internal static partial void ERR_clear_error();
}
