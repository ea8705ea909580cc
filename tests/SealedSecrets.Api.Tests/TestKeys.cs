using SealedSecrets.Crypto;

namespace SealedSecrets.Api.Tests;

/// <summary>Two RSA-2048 keys (model logic does not depend on the size; 2048 keeps tests fast).</summary>
public sealed class TestKeys : IDisposable
{
    public SealingPrivateKey First { get; } = SealingPrivateKey.Generate(2048);

    public SealingPrivateKey Second { get; } = SealingPrivateKey.Generate(2048);

    public void Dispose()
    {
        First.Dispose();
        Second.Dispose();
    }
}
