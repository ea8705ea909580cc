using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace SealedSecrets.Crypto;

/// <summary>
/// The key identifier upstream's controller uses in its key registry: the OpenSSH-style
/// SHA-256 fingerprint of the RSA public key (<c>ssh.FingerprintSHA256</c>), i.e.
/// <c>"SHA256:" + base64-without-padding(SHA-256(ssh-rsa wire blob))</c>, where the blob is
/// <c>string "ssh-rsa" ‖ mpint e ‖ mpint n</c> (RFC 4253 §6.6).
/// </summary>
public static class KeyFingerprint
{
    /// <summary>Computes the fingerprint of the public half of <paramref name="rsa"/>.</summary>
    public static string Of(RSA rsa)
    {
        ArgumentNullException.ThrowIfNull(rsa);
        var parameters = rsa.ExportParameters(includePrivateParameters: false);
        return Of(parameters.Exponent!, parameters.Modulus!);
    }

    /// <summary>Computes the fingerprint from the unsigned big-endian exponent and modulus.</summary>
    public static string Of(ReadOnlySpan<byte> exponent, ReadOnlySpan<byte> modulus)
    {
        using var blob = new MemoryStream();
        WriteString(blob, Encoding.ASCII.GetBytes("ssh-rsa"));
        WriteMpint(blob, exponent);
        WriteMpint(blob, modulus);
        var hash = SHA256.HashData(blob.ToArray());
        return "SHA256:" + Convert.ToBase64String(hash).TrimEnd('=');
    }

    private static void WriteString(MemoryStream stream, ReadOnlySpan<byte> value)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)value.Length);
        stream.Write(length);
        stream.Write(value);
    }

    // An SSH mpint is two's complement, minimal: strip leading zeros, then add one back if the
    // top bit is set so the value stays positive.
    private static void WriteMpint(MemoryStream stream, ReadOnlySpan<byte> unsignedBigEndian)
    {
        var value = unsignedBigEndian.TrimStart((byte)0);
        if (!value.IsEmpty && (value[0] & 0x80) != 0)
        {
            var padded = new byte[value.Length + 1];
            value.CopyTo(padded.AsSpan(1));
            WriteString(stream, padded);
        }
        else
        {
            WriteString(stream, value);
        }
    }
}
