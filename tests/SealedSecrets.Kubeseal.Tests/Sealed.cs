using System.Text;
using System.Text.Json.Nodes;
using SealedSecrets.Crypto;
using SealedSecrets.Kubeseal.Manifests;

namespace SealedSecrets.Kubeseal.Tests;

/// <summary>Reads kubeseal output back and opens values with a key, to check ciphertexts by decrypting.</summary>
internal static class Sealed
{
    public static List<JsonObject> Parse(string text) => ManifestDocuments.Parse(Encoding.UTF8.GetBytes(text), "output");

    public static string Open(SealingPrivateKey key, string base64, string label) =>
        Encoding.UTF8.GetString(HybridEncryption.DecryptBase64([key], base64, Encoding.UTF8.GetBytes(label)).Plaintext);

    public static string Open(SealingPrivateKey key, JsonObject sealedSecret, string dataKey, string label) =>
        Open(key, sealedSecret["spec"]!["encryptedData"]![dataKey]!.GetValue<string>(), label);
}
