using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using SealedSecrets.Crypto;

namespace SealedSecrets.Bench;

/// <summary>Seal and unseal of one value with an RSA-4096 key, per size and scope.</summary>
[MemoryDiagnoser]
public class SealBenchmarks
{
    private SealingPrivateKey _key = null!;
    private RandomNumberGenerator _random = null!;
    private byte[] _plaintext = null!;
    private byte[] _label = null!;
    private byte[] _sealed = null!;

    [Params(64, 1024, 65536)]
    public int Size { get; set; }

    [Params(SealingScope.Strict, SealingScope.NamespaceWide, SealingScope.ClusterWide)]
    public SealingScope Scope { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _key = SealingPrivateKey.Generate(4096);
        _random = RandomNumberGenerator.Create();
        _plaintext = RandomNumberGenerator.GetBytes(Size);
        _label = ScopeLabel.For(Scope, "production", "checkout-secrets");
        _sealed = HybridEncryption.Encrypt(_key.PublicKey, _plaintext, _label, _random);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _key.Dispose();
        _random.Dispose();
    }

    [Benchmark]
    public byte[] Seal() => HybridEncryption.Encrypt(_key.PublicKey, _plaintext, _label, _random);

    [Benchmark]
    public byte[] Unseal() => HybridEncryption.Decrypt(_key, _sealed, _label);
}
