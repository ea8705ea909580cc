using System.Globalization;
using System.Security.Cryptography;
using ExternalSecrets.Templating.Values;
using static ExternalSecrets.Templating.Functions.Sprig.Sig;

namespace ExternalSecrets.Templating.Functions.Sprig;

/// <summary>
/// Encodings and digests: <c>b64enc/b64dec/b32enc/b32dec</c> (decoders return Go's error text as
/// the value on bad input, as sprig does), ESO's <c>hexdec</c>, and the <c>*sum</c> hashes.
/// </summary>
internal static class SprigEncoding
{
    public static void Register(FuncMap m)
    {
        Fn(m, "b64enc", S, [S], static (_, a) => Ok(GoBase.Base64Encode(Str(a, 0))));
        Fn(m, "b64dec", S, [S], static (_, a) => Ok(Decoded(GoBase.Base64Decode(Str(a, 0).Span, out var e), e)));
        Fn(m, "b32enc", S, [S], static (_, a) => Ok(GoBase.Base32Encode(Str(a, 0))));
        Fn(m, "b32dec", S, [S], static (_, a) => Ok(Decoded(GoBase.Base32Decode(Str(a, 0).Span, out var e), e)));

        // ESO's vendored sprig adds hexdec with the same error-as-output convention.
        Fn(m, "hexdec", S, [S], static (_, a) => Ok(Decoded(GoBase.HexDecode(Str(a, 0).Span, out var e), e)));

        Fn(m, "sha1sum", S, [S], static (_, a) => Ok(Hex(SHA1.HashData(Str(a, 0).Span))));
        Fn(m, "sha256sum", S, [S], static (_, a) => Ok(Hex(SHA256.HashData(Str(a, 0).Span))));
        Fn(m, "sha512sum", S, [S], static (_, a) => Ok(Hex(SHA512.HashData(Str(a, 0).Span))));
        Fn(m, "adler32sum", S, [S], static (_, a) => Ok(GoString.FromUtf8(Adler32(Str(a, 0).Span).ToString(CultureInfo.InvariantCulture))));
    }

    private static GoString Decoded(byte[]? bytes, string? error) =>
        bytes is not null ? GoString.Wrap(bytes) : GoString.FromUtf8(error!);

    public static GoString Hex(ReadOnlySpan<byte> bytes) => GoString.FromUtf8(Convert.ToHexStringLower(bytes));

    /// <summary>RFC 1950 Adler-32 (Go's hash/adler32).</summary>
    public static uint Adler32(ReadOnlySpan<byte> data)
    {
        const uint Mod = 65521;
        uint a = 1, b = 0;
        foreach (var x in data)
        {
            a = (a + x) % Mod;
            b = (b + a) % Mod;
        }

        return (b << 16) | a;
    }
}
