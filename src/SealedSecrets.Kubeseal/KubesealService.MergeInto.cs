using System.Text;
using SealedSecrets.Api;
using SealedSecrets.Crypto;
using SealedSecrets.Kubeseal.Cli;
using SealedSecrets.Kubeseal.Manifests;

namespace SealedSecrets.Kubeseal;

public sealed partial class KubesealService
{
    // Upstream --merge-into (§2.4): seal the input with name and namespace forced from the file
    // (#286), merge encryptedData and the template's annotations, labels and data (new keys win),
    // rewrite the file. Deviation, on purpose: without an explicit --format the file keeps its own
    // format (upstream would turn a YAML file into JSON). The rewrite is atomic.
    private void MergeInto(KubesealOptions options, SealingPublicKey key, byte[] input)
    {
        var path = options.MergeInto!;
        var existingBytes = LocalFile.ReadAllBytes(path);
        var documents = ManifestDocuments.Parse(existingBytes, path);
        if (documents.Count != 1)
        {
            throw new KubesealException($"{path} must hold exactly one SealedSecret, found {documents.Count} objects");
        }
        var existing = SecretDocument.ToSealedSecret(documents[0], path);
        var fileFormat = Encoding.UTF8.GetString(existingBytes).TrimStart('\uFEFF', ' ', '\t', '\r', '\n').StartsWith('{') ? OutputFormat.Json : OutputFormat.Yaml;
        var format = options.FormatExplicit ? OutputFormatFor(options with { SealedSecretFile = null }) : fileFormat;

        foreach (var secret in ReadSecrets(options, input))
        {
            secret.Metadata.Name = existing.Metadata.Name;
            secret.Metadata.NamespaceProperty = existing.Metadata.NamespaceProperty;
            var update = SealOne(options with { Namespace = null }, key, secret);
            Merge(existing, update);
        }
        AtomicFile.Write(path, Encoding.UTF8.GetBytes(ManifestWriter.Write(existing, format)));
    }

    private static void Merge(SealedSecret existing, SealedSecret update)
    {
        foreach (var (name, value) in update.Spec.EncryptedData)
        {
            existing.Spec.EncryptedData[name] = value;
        }
        var newMeta = update.Spec.Template.Metadata;
        if (newMeta is not null)
        {
            existing.Spec.Template.Metadata ??= new k8s.Models.V1ObjectMeta();
            var oldMeta = existing.Spec.Template.Metadata;
            oldMeta.Annotations = MergeMaps(oldMeta.Annotations, newMeta.Annotations);
            oldMeta.Labels = MergeMaps(oldMeta.Labels, newMeta.Labels);
        }
        if (update.Spec.Template.Data is { Count: > 0 } data)
        {
            existing.Spec.Template.Data ??= new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var (name, value) in data)
            {
                existing.Spec.Template.Data[name] = value;
            }
        }
    }

    private static IDictionary<string, string>? MergeMaps(IDictionary<string, string>? existing, IDictionary<string, string>? update)
    {
        if (update is null || update.Count == 0)
        {
            return existing;
        }
        var merged = existing is null ? new Dictionary<string, string>(StringComparer.Ordinal) : new Dictionary<string, string>(existing, StringComparer.Ordinal);
        foreach (var (name, value) in update)
        {
            merged[name] = value;
        }
        return merged;
    }
}
