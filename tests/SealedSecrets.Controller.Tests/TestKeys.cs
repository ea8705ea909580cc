using System.Security.Cryptography;
using k8s.Models;
using SealedSecrets.Api;
using SealedSecrets.Controller.Keys;
using SealedSecrets.Crypto;

namespace SealedSecrets.Controller.Tests;

/// <summary>2048-bit key pairs made once per test run (4096 is the product default but slow to generate).</summary>
internal static class TestKeys
{
    private static readonly Lazy<SealingKeyPair[]> Pairs = new(() =>
        [.. Enumerable.Range(0, 13).Select(i => SealingKeyFactory.Generate(2048, TimeSpan.FromDays(3650), null, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(i), RandomNumberGenerator.Create()))]);

    public static SealingKeyPair Pair(int i) => Pairs.Value[i];

    public static SealingKey Key(int i) =>
        new($"sealed-secrets-key{i}", Pair(i).PrivateKey, Pair(i).Certificate, Pair(i).CertificatePem, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(i));

    public static KeyRegistry Registry(params int[] indexes)
    {
        var registry = new KeyRegistry();
        foreach (var i in indexes)
        {
            registry.Register(Key(i));
        }
        return registry;
    }

    /// <summary>A SealedSecret sealed for key <paramref name="key"/> with the given values.</summary>
    public static SealedSecret Seal(int key, string ns, string name, IDictionary<string, string> values, SealingScope scope = SealingScope.Strict, string uid = "uid-1", long generation = 1)
    {
        var secret = new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, Labels = new Dictionary<string, string> { ["app"] = "checkout" } },
            Type = "Opaque",
            StringData = new Dictionary<string, string>(values),
        };
        var sealedSecret = SealedSecretSealer.Seal(secret, Pair(key).PrivateKey.PublicKey, scope, RandomNumberGenerator.Create());
        sealedSecret.Metadata.Uid = uid;
        sealedSecret.Metadata.Generation = generation;
        return sealedSecret;
    }
}
