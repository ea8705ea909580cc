using ExternalSecrets.Templating.Functions.Sprig;

namespace ExternalSecrets.Templating.Functions.Eso;

/// <summary>Reuses sprig's Ed25519 PKCS#8 encoder (one definition of RFC 8410's form).</summary>
internal static class SprigCryptoAccess
{
    public static byte[] Ed25519Pkcs8(ReadOnlySpan<byte> seed) => SprigCrypto.Ed25519Pkcs8(seed);
}
