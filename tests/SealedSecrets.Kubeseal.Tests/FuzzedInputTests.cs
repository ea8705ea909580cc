using System.Text;

namespace SealedSecrets.Kubeseal.Tests;

/// <summary>Mangled manifests only ever give a clean exit code: never an unhandled exception.</summary>
[Collection(SharedKeyMaterial.Name)]
public sealed class FuzzedInputTests(KeyMaterial keys)
{
    private const string Specials = "{}[]:-'\"&*!|>#,\n ";

    private readonly KubesealRunner _kubeseal = new();

    public static TheoryData<int> Seeds => [1, 2, 3, 4];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Mutated_seed_manifests_seal_or_fail_cleanly(int seed)
    {
        var random = new Random(seed);
        var sources = new[] { SeedSecret.Yaml, SeedSecret.Json };
        for (var i = 0; i < 400; i++)
        {
            var bytes = Encoding.UTF8.GetBytes(sources[i % 2]);
            var mutations = random.Next(1, 6);
            for (var m = 0; m < mutations; m++)
            {
                var position = random.Next(bytes.Length);
                bytes[position] = random.Next(3) switch
                {
                    0 => (byte)random.Next(256),
                    1 => (byte)Specials[random.Next(Specials.Length)],
                    _ => 0,
                };
            }

            var result = await _kubeseal.RunAsync(bytes, "--cert", keys.CertPath, "-o", i % 3 == 0 ? "yaml" : "json");

            Assert.True(result.ExitCode is 0 or 1, $"exit {result.ExitCode}");
            Assert.True(result.ExitCode == 0 || result.Stderr.StartsWith("error: ", StringComparison.Ordinal));
        }
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task Random_bytes_as_a_SealedSecret_for_recovery_fail_cleanly(int seed)
    {
        var random = new Random(seed);
        for (var i = 0; i < 200; i++)
        {
            var bytes = new byte[random.Next(0, 300)];
            random.NextBytes(bytes);

            var result = await _kubeseal.RunAsync(bytes, "--recovery-unseal", "--recovery-private-key", keys.KeyPath);

            Assert.Equal(1, result.ExitCode);
            Assert.StartsWith("error: ", result.Stderr, StringComparison.Ordinal);
        }
    }
}
