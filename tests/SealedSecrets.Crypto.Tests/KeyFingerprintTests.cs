using System.Diagnostics;
using SealedSecrets.Crypto;

namespace SealedSecrets.Crypto.Tests;

[Collection(SharedKeys.Name)]
public sealed class KeyFingerprintTests(KeyFixture keys)
{
    [Fact]
    public void The_fingerprint_matches_what_ssh_keygen_prints_for_the_same_key()
    {
        var dir = Directory.CreateTempSubdirectory("fingerprint-");
        try
        {
            var pem = Path.Combine(dir.FullName, "pub.pem");
            File.WriteAllText(pem, new string(System.Security.Cryptography.PemEncoding.Write("PUBLIC KEY", keys.First.PrivateKey.PublicKey.ExportSubjectPublicKeyInfo())));
            var openSsh = Run("ssh-keygen", $"-i -m PKCS8 -f {pem}");
            var sshPub = Path.Combine(dir.FullName, "key.pub");
            File.WriteAllText(sshPub, openSsh);
            var printed = Run("ssh-keygen", $"-l -E sha256 -f {sshPub}");

            Assert.Equal(printed.Split(' ')[1], keys.First.PrivateKey.Fingerprint);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Different_keys_have_different_fingerprints()
    {
        Assert.StartsWith("SHA256:", keys.First.PrivateKey.Fingerprint, StringComparison.Ordinal);
        Assert.NotEqual(keys.First.PrivateKey.Fingerprint, keys.Second.PrivateKey.Fingerprint);
    }

    private static string Run(string file, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = process.StandardOutput.ReadToEnd();
        process.StandardError.ReadToEnd();
        Assert.True(process.WaitForExit(60_000));
        Assert.Equal(0, process.ExitCode);
        return output;
    }
}
