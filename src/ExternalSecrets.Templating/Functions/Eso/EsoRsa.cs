using System.Security.Cryptography;
using ExternalSecrets.Templating.Functions.Sprig;
using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating.Functions.Eso;

/// <summary>
/// ESO's <c>rsaDecrypt scheme hash ciphertext privateKeyPEM</c> (decrypt.go): scheme <c>None</c>
/// passes the input through; <c>RSA-OAEP</c> decrypts with SHA1/SHA256/SHA512 (anything else,
/// including <c>None</c>, means SHA-256) and no label.
/// </summary>
internal static class EsoRsa
{
    public static void Register(FuncMap m)
    {
        var s = GoType.String;
        m.Add(GoFunction.Fixed("rsaDecrypt", s, [s, s, s, s], static (_, a) =>
            Decrypt(((GoString)a[0]!).ToUtf8String(), ((GoString)a[1]!).ToUtf8String(), (GoString)a[2]!, (GoString)a[3]!), returnsError: true));
    }

    private static GoResult Decrypt(string scheme, string hash, GoString input, GoString privateKey)
    {
        switch (scheme)
        {
            case "None":
                return GoResult.Ok(input);
            case "RSA-OAEP":
                {
                    var block = GoPem.Decode(privateKey.Span, out _);
                    if (block is null)
                    {
                        return GoResult.Fail("failed to decode PEM block");
                    }

                    EsoKeys.Key key;
                    try
                    {
                        key = EsoKeys.Parse(block.Bytes);
                    }
                    catch (EsoException e)
                    {
                        return GoResult.Fail("could not parse private key: " + e.Message);
                    }

                    using (key)
                    {
                        if (key.Rsa is null)
                        {
                            return GoResult.Fail("could not parse RSA private key");
                        }

                        var padding = hash switch
                        {
                            "SHA1" => RSAEncryptionPadding.OaepSHA1,
                            "SHA512" => RSAEncryptionPadding.OaepSHA512,
                            _ => RSAEncryptionPadding.OaepSHA256,
                        };
                        try
                        {
                            return GoResult.Ok(GoString.Wrap(key.Rsa.Decrypt(input.ToArray(), padding)));
                        }
                        catch (CryptographicException)
                        {
                            // Go's rsa.ErrDecryption text: deliberately uninformative.
                            return GoResult.Fail("error decrypting data with RSA: crypto/rsa: decryption error");
                        }
                    }
                }

            default:
                return GoResult.Fail("decryption scheme " + scheme + " is not supported");
        }
    }
}
