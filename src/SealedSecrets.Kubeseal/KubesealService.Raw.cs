using SealedSecrets.Crypto;
using SealedSecrets.Kubeseal.Cli;

namespace SealedSecrets.Kubeseal;

public sealed partial class KubesealService
{
    // Upstream --raw (§2.3): one value from --from-file or stdin, label from the namespace (from
    // -n or the kubeconfig), --name and --scope; base64 with no trailing newline.
    private async Task<string> SealRawAsync(KubesealOptions options, SealingPublicKey key, Stream input, CancellationToken cancellationToken)
    {
        var ns = options.Scope == SealingScope.ClusterWide ? string.Empty : DefaultNamespace(options);
        if (options.Scope != SealingScope.ClusterWide && string.IsNullOrEmpty(ns))
        {
            throw new KubesealException("must provide the --namespace flag with --raw and --scope strict|namespace-wide");
        }
        if (options.Scope == SealingScope.Strict && string.IsNullOrEmpty(options.Name))
        {
            throw new KubesealException("must provide the --name flag with --raw and --scope strict");
        }
        if (options.FromFile.Count > 1)
        {
            throw new KubesealException("must provide only one --from-file when encrypting a single item with --raw");
        }
        byte[] data;
        if (options.FromFile.Count == 1)
        {
            // kubectl syntax [key=]path; the key means nothing for a single raw value.
            var spec = options.FromFile[0];
            var path = spec.Contains('=', StringComparison.Ordinal) ? spec[(spec.IndexOf('=', StringComparison.Ordinal) + 1)..] : spec;
            data = await LocalFile.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            data = await ReadInputAsync(options with { SecretFile = null }, input, cancellationToken).ConfigureAwait(false);
        }
        var label = ScopeLabel.For(options.Scope, ns, options.Name);
        return HybridEncryption.EncryptToBase64(key, data, label, environment.Random);
    }
}
