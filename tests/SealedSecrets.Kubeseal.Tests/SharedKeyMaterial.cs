namespace SealedSecrets.Kubeseal.Tests;

/// <summary>Shares one <see cref="KeyMaterial"/> (RSA-4096 generation takes seconds) across the test classes.</summary>
[CollectionDefinition(Name)]
public sealed class SharedKeyMaterial : ICollectionFixture<KeyMaterial>
{
    public const string Name = "key material";
}
