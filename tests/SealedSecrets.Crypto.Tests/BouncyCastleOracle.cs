using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Encodings;
using Org.BouncyCastle.Crypto.Engines;
using Org.BouncyCastle.Crypto.Modes;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;
using SealedSecrets.Crypto;

namespace SealedSecrets.Crypto.Tests;

/// <summary>
/// An independent implementation of upstream's value format written from the reference
/// (sealed-secrets.md §1.1) on BouncyCastle, sharing no code with the library under test.
/// </summary>
internal static class BouncyCastleOracle
{
    public static byte[] Seal(SealingPrivateKey key, byte[] plaintext, byte[] label, int sessionKeySize = 32)
    {
        var rsa = PublicParameters(key);
        var session = new byte[sessionKeySize];
        new SecureRandom().NextBytes(session);

        var oaep = new OaepEncoding(new RsaEngine(), new Sha256Digest(), new Sha256Digest(), label);
        oaep.Init(true, new Org.BouncyCastle.Crypto.Parameters.ParametersWithRandom(rsa, new SecureRandom()));
        var rsaPart = oaep.ProcessBlock(session, 0, session.Length);

        var gcm = new GcmBlockCipher(new AesEngine());
        // An odd-sized session key cannot drive AES; such values only test the length check.
        var gcmKey = sessionKeySize is 16 or 24 or 32 ? session : new byte[32];
        gcm.Init(true, new AeadParameters(new KeyParameter(gcmKey), 128, new byte[12]));
        var gcmPart = new byte[gcm.GetOutputSize(plaintext.Length)];
        var n = gcm.ProcessBytes(plaintext, 0, plaintext.Length, gcmPart, 0);
        gcm.DoFinal(gcmPart, n);

        var output = new byte[2 + rsaPart.Length + gcmPart.Length];
        output[0] = (byte)(rsaPart.Length >> 8);
        output[1] = (byte)rsaPart.Length;
        rsaPart.CopyTo(output, 2);
        gcmPart.CopyTo(output, 2 + rsaPart.Length);
        return output;
    }

    public static byte[] Open(SealingPrivateKey key, byte[] sealedValue, byte[] label)
    {
        var rsaLength = (sealedValue[0] << 8) | sealedValue[1];
        var oaep = new OaepEncoding(new RsaEngine(), new Sha256Digest(), new Sha256Digest(), label);
        oaep.Init(false, PrivateParameters(key));
        var session = oaep.ProcessBlock(sealedValue, 2, rsaLength);

        var gcm = new GcmBlockCipher(new AesEngine());
        gcm.Init(false, new AeadParameters(new KeyParameter(session), 128, new byte[12]));
        var offset = 2 + rsaLength;
        var plaintext = new byte[gcm.GetOutputSize(sealedValue.Length - offset)];
        var n = gcm.ProcessBytes(sealedValue, offset, sealedValue.Length - offset, plaintext, 0);
        gcm.DoFinal(plaintext, n);
        return plaintext;
    }

    private static RsaKeyParameters PublicParameters(SealingPrivateKey key) =>
        (RsaKeyParameters)PublicKeyFactory.CreateKey(key.PublicKey.ExportSubjectPublicKeyInfo());

    private static RsaPrivateCrtKeyParameters PrivateParameters(SealingPrivateKey key)
    {
        var pem = SealingPem.WritePrivateKey(key);
        using var reader = new StringReader(pem);
        var pair = (Org.BouncyCastle.Crypto.AsymmetricCipherKeyPair)new Org.BouncyCastle.OpenSsl.PemReader(reader).ReadObject();
        return (RsaPrivateCrtKeyParameters)pair.Private;
    }
}
