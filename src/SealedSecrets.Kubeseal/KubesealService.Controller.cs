using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SealedSecrets.Api.Serialization;
using SealedSecrets.Kubeseal.Cli;
using SealedSecrets.Kubeseal.Manifests;

namespace SealedSecrets.Kubeseal;

public sealed partial class KubesealService
{
    // --validate (§2.5): each input SealedSecret is POSTed to /v1/verify; nothing is printed on success.
    private async Task ValidateAsync(KubesealOptions options, byte[] input, CancellationToken cancellationToken)
    {
        foreach (var (name, json) in SealedSecretsIn(input))
        {
            var ok = await Controller(() => controller.VerifyAsync(ControllerOf(options), json, cancellationToken)).ConfigureAwait(false);
            if (!ok)
            {
                throw new KubesealException($"unable to decrypt sealed secret: {name}");
            }
        }
    }

    // --re-encrypt (§2.5): each input SealedSecret goes through /v1/rotate; the results are printed.
    private async Task<byte[]> ReEncryptAsync(KubesealOptions options, OutputFormat format, byte[] input, CancellationToken cancellationToken)
    {
        var output = new StringBuilder();
        foreach (var (_, json) in SealedSecretsIn(input))
        {
            var rotated = await Controller(() => controller.RotateAsync(ControllerOf(options), json, cancellationToken)).ConfigureAwait(false);
            var sealedSecret = SecretDocument.ToSealedSecret(JsonNode.Parse(rotated) as JsonObject ?? [], "controller response");
            sealedSecret.Metadata.CreationTimestamp = null;
            sealedSecret.Metadata.DeletionTimestamp = null;
            sealedSecret.Metadata.Generation = null;
            output.Append(ManifestWriter.Write(sealedSecret, format));
        }
        return Encoding.UTF8.GetBytes(output.ToString());
    }

    private static IEnumerable<(string Name, byte[] Json)> SealedSecretsIn(byte[] input)
    {
        foreach (var document in ManifestDocuments.Parse(input, "input"))
        {
            var sealedSecret = SecretDocument.ToSealedSecret(document, "input");
            yield return (sealedSecret.Metadata.Name ?? string.Empty, JsonSerializer.SerializeToUtf8Bytes(sealedSecret, SealedSecretsJsonContext.Default.SealedSecret));
        }
    }
}
