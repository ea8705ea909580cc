using System.Security.Cryptography;
using SealedSecrets.Crypto;

namespace SealedSecrets.Crypto.Tests;

/// <summary>Two RSA-4096 key pairs, generated once per test run (generation takes seconds).</summary>
public sealed class KeyFixture : IDisposable
{
    public KeyFixture()
    {
        var now = new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
        using var random = RandomNumberGenerator.Create();
        First = SealingKeyFactory.Generate(4096, SealingKeyFactory.DefaultValidity, null, now, random);
        Second = SealingKeyFactory.Generate(4096, SealingKeyFactory.DefaultValidity, "sealed-secrets", now, random);
    }

    public SealingKeyPair First { get; }

    public SealingKeyPair Second { get; }

    public void Dispose()
    {
        First.Dispose();
        Second.Dispose();
    }
}
