using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using SealedSecrets.Crypto;

namespace SealedSecrets.Bench;

/// <summary>
/// Operations per second on one thread for a fixed time, in the same shape as
/// <c>openssl speed rsa4096</c> (which counts RSA sign/verify per second), so
/// <c>bench/compare-openssl.sh</c> can print the two side by side. Like <c>openssl speed</c> by
/// default, the rate divides by the process's user CPU time, so other load on a shared machine
/// does not count against us; the wall-clock rate is printed too.
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

        var (seal, sealWall) = Rate(seconds, () => HybridEncryption.Encrypt(key.PublicKey, plaintext, label, random));
        var (unseal, unsealWall) = Rate(seconds, () => HybridEncryption.Decrypt(key, sealedValue, label));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seal/s {seal:F1} unseal/s {unseal:F1} wall-seal/s {sealWall:F1} wall-unseal/s {unsealWall:F1}"));
    }

    private static (double Cpu, double Wall) Rate(double seconds, Func<byte[]> operation)
    {
        for (var i = 0; i < 20; i++)
        {
            operation();
        }
        using var process = Process.GetCurrentProcess();
        var count = 0;
        var cpuStart = process.UserProcessorTime;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            operation();
            count++;
        }
        var wall = watch.Elapsed.TotalSeconds;
        process.Refresh();
        var cpu = (process.UserProcessorTime - cpuStart).TotalSeconds;
        return (count / Math.Max(cpu, 1e-6), count / wall);
    }
}
