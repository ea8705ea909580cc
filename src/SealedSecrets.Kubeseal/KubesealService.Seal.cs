using System.Text;
using k8s.Models;
using SealedSecrets.Api;
using SealedSecrets.Crypto;
using SealedSecrets.Kubeseal.Cli;
using SealedSecrets.Kubeseal.Manifests;

namespace SealedSecrets.Kubeseal;

public sealed partial class KubesealService
{
    private const string NoSecretsFound = "no secrets found. Ensure the input is valid and UTF-8 encoded";

    private const string EmptyData = "secret.data is empty in input Secret, assuming this is an error and aborting. To work with empty data, --allow-empty-data can be used";

    // Upstream Seal (§1.4): every input Secret becomes one SealedSecret, printed one after another.
    private string Seal(KubesealOptions options, OutputFormat format, SealingPublicKey key, byte[] input)
    {
        var output = new StringBuilder();
        foreach (var secret in ReadSecrets(options, input))
        {
            output.Append(ManifestWriter.Write(SealOne(options, key, secret), format));
        }
        return output.ToString();
    }

    private static List<V1Secret> ReadSecrets(KubesealOptions options, byte[] input)
    {
        var documents = ManifestDocuments.Parse(input, "input");
        if (documents.Count == 0)
        {
            throw new KubesealException(NoSecretsFound);
        }
        var secrets = new List<V1Secret>();
        foreach (var document in documents)
        {
            var secret = SecretDocument.ToSecret(document);
            secret.Metadata ??= new V1ObjectMeta();
            if (!string.IsNullOrEmpty(options.Name))
            {
                secret.Metadata.Name = options.Name;
            }
            secrets.Add(secret);
        }
        return secrets;
    }

    private SealedSecret SealOne(KubesealOptions options, SealingPublicKey key, V1Secret secret)
    {
        if (string.IsNullOrEmpty(secret.Metadata.Name))
        {
            throw new KubesealException("missing metadata.name in input Secret");
        }
        if ((secret.Data is null || secret.Data.Count == 0) && (secret.StringData is null || secret.StringData.Count == 0) && !options.AllowEmptyData)
        {
            throw new KubesealException(EmptyData);
        }
        var secretNamespace = secret.Metadata.NamespaceProperty;
        if (options.NamespaceExplicit && !string.IsNullOrEmpty(secretNamespace) && secretNamespace != options.Namespace)
        {
            throw new KubesealException($"namespace mismatch: input secret is in namespace \"{secretNamespace}\" but \"{options.Namespace}\" was specified");
        }
        var scope = options.Scope != SealingScope.Strict ? options.Scope : SealingScopeReader.FromAnnotations(secret.Metadata.Annotations);
        if (string.IsNullOrEmpty(secretNamespace) && scope != SealingScope.ClusterWide)
        {
            secret.Metadata.NamespaceProperty = DefaultNamespace(options);
        }
        try
        {
            return SealedSecretSealer.Seal(secret, key, options.Scope, environment.Random);
        }
        catch (SealedSecretException ex)
        {
            throw new KubesealException(ex.Message, ex);
        }
    }
}
