using System.Text;
using System.Text.Json.Nodes;
using SealedSecrets.Crypto;
using SealedSecrets.Kubeseal.Manifests;

namespace SealedSecrets.Kubeseal.Recovery;

/// <summary>
/// Loads <c>--recovery-private-key</c> files as upstream does: a PEM private key (PKCS#1 or PKCS#8),
/// or a JSON/YAML key Secret, or a <c>List</c> of them — what
/// <c>kubectl get secret -n kube-system -l sealedsecrets.bitnami.com/sealed-secrets-key -o yaml</c>
/// writes — taking each Secret's <c>data["tls.key"]</c>.
/// </summary>
internal static class RecoveryKeyLoader
{
    private const string TlsKey = "tls.key";

    public static List<SealingPrivateKey> Load(IEnumerable<string> paths)
    {
        var keys = new List<SealingPrivateKey>();
        foreach (var path in paths)
        {
            keys.AddRange(LoadOne(path, LocalFile.ReadAllBytes(path)));
        }
        return keys;
    }

    private static List<SealingPrivateKey> LoadOne(string path, byte[] bytes)
    {
        var text = Encoding.UTF8.GetString(bytes);
        // Key Secrets carry tls.key base64-encoded, so PEM armour in the text means a PEM file.
        if (text.Contains("-----BEGIN", StringComparison.Ordinal))
        {
            try
            {
                return [SealingPem.ReadPrivateKey(text)];
            }
            catch (KeyFormatException ex)
            {
                throw new KubesealException($"{path}: {ex.Message}", ex);
            }
        }
        var keys = new List<SealingPrivateKey>();
        foreach (var document in ManifestDocuments.Parse(bytes, path))
        {
            var kind = document["kind"]?.ToString();
            if (kind == "List" || document["items"] is JsonArray)
            {
                foreach (var item in (document["items"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    keys.Add(FromSecret(path, item));
                }
            }
            else
            {
                keys.Add(FromSecret(path, document));
            }
        }
        if (keys.Count == 0)
        {
            throw new KubesealException($"{path}: no private key found (expected PEM, a key Secret or a List of key Secrets)");
        }
        return keys;
    }

    private static SealingPrivateKey FromSecret(string path, JsonObject secret)
    {
        var name = (secret["metadata"] as JsonObject)?["name"]?.ToString() ?? "(unnamed)";
        if ((secret["data"] as JsonObject)?[TlsKey] is not JsonValue value || !SealedValueEncoding.TryFromBase64(value.ToString(), out var pem))
        {
            throw new KubesealException($"{path}: Secret \"{name}\" has no valid base64 data[\"{TlsKey}\"]");
        }
        try
        {
            return SealingPem.ReadPrivateKey(Encoding.UTF8.GetString(pem));
        }
        catch (KeyFormatException ex)
        {
            throw new KubesealException($"{path}: Secret \"{name}\" data[\"{TlsKey}\"]: {ex.Message}", ex);
        }
    }
}
