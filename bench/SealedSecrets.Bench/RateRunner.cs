using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using SealedSecrets.Crypto;

namespace SealedSecrets.Bench;

/// <summary>
/// Operations per second on one thread for a fixed time, in the same shape as
/// <c>openssl speed rsa4096</c> (which counts RSA sign/verify per second), so
/// <c>bench/compare-openssl.sh</c> can print the two side by side.
/// </summary>
internal static class RateRunner
{
    public static void Run(double seconds, int size)
    {
        using var key = SealingPrivateKey.Generate(4096);
        using var random = RandomNumberGenerator.Create();
        var plaintext = RandomNumberGenerator.GetBytes(size);
        var label = ScopeLabel.For(SealingScope.Strict, "production", "checkout-secrets");
        var sealedValue = HybridEncryption.Encrypt(key.PublicKey, plaintext, label, random);

        var seal = Rate(seconds, () => HybridEncryption.Encrypt(key.PublicKey, plaintext, label, random));
        var unseal = Rate(seconds, () => HybridEncryption.Decrypt(key, sealedValue, label));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seal/s {seal:F1} unseal/s {unseal:F1}"));
    }

    private static double Rate(double seconds, Func<byte[]> operation)
    {
        for (var i = 0; i < 20; i++)
        {
            operation();
        }
        var count = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            operation();
            count++;
        }
        return count / watch.Elapsed.TotalSeconds;
    }
}
