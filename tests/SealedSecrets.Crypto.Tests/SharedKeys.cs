namespace SealedSecrets.Crypto.Tests;

/// <summary>Shares one <see cref="KeyFixture"/> across test classes (RSA-4096 generation takes seconds).</summary>
[CollectionDefinition(Name)]
public sealed class SharedKeys : ICollectionFixture<KeyFixture>
{
    public const string Name = "keys";
}
