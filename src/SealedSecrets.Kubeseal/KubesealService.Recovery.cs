using SealedSecrets.Api;
using SealedSecrets.Kubeseal.Cli;
using SealedSecrets.Kubeseal.Manifests;
using SealedSecrets.Kubeseal.Recovery;

namespace SealedSecrets.Kubeseal;

public sealed partial class KubesealService
{
    // Upstream --recovery-unseal (§2.5): one SealedSecret from the input, opened offline with the
    // given private keys by the same rules as the controller (templates included: the controller's
    // Go template renderer); legacy spec.data is refused.
    private static string RecoveryUnseal(KubesealOptions options, OutputFormat format, byte[] input)
    {
        if (options.RecoveryPrivateKey.Count == 0)
        {
            throw new KubesealException("--recovery-unseal requires --recovery-private-key (a PEM key file or a backup of the controller's key Secrets)");
        }
        var keys = RecoveryKeyLoader.Load(options.RecoveryPrivateKey);
        try
        {
            var documents = ManifestDocuments.Parse(input, "input");
            if (documents.Count == 0)
            {
                throw new KubesealException("no SealedSecret found in input. Ensure the input is valid and UTF-8 encoded");
            }
            var sealedSecret = SecretDocument.ToSealedSecret(documents[0], "input");
            var name = sealedSecret.Metadata?.NamespaceProperty is { Length: > 0 } ns
                ? $"{ns}/{sealedSecret.Metadata.Name}"
                : sealedSecret.Metadata?.Name ?? "(unnamed)";
            var renderer = new RecoveryTemplateRenderer(name);
            var secret = SealedSecretUnsealer.Unseal(sealedSecret, keys, new UnsealOptions(AcceptDeprecatedV1Data: false, renderer));
            return ManifestWriter.Write(secret, format);
        }
        catch (SealedSecretException ex)
        {
            throw new KubesealException(ex.Message, ex);
        }
        finally
        {
            foreach (var key in keys)
            {
                key.Dispose();
            }
        }
    }
}
