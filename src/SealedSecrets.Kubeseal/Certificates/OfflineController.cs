namespace SealedSecrets.Kubeseal.Certificates;

/// <summary>
/// The stand-in used until kubeseal can reach a cluster: every call fails with a message that says
/// what to do instead.
/// </summary>
public sealed class OfflineController : ICertificateSource, IControllerClient
{
    /// <summary>The shared instance.</summary>
    public static OfflineController Instance { get; } = new();

    /// <inheritdoc/>
    public Task<byte[]> FetchAsync(ControllerReference controller, CancellationToken cancellationToken) =>
        throw new InvalidOperationException(
            $"cannot fetch certificate: fetching from the controller {controller?.Namespace}/{controller?.Name} through the cluster is not supported by this kubeseal yet; pass the certificate with --cert FILE|URL (or SEALED_SECRETS_CERT)");

    /// <inheritdoc/>
    public Task<bool> VerifyAsync(ControllerReference controller, byte[] sealedSecretJson, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("cannot validate sealed secret: --validate needs a running Sealed Secrets controller, which this kubeseal cannot reach yet");

    /// <inheritdoc/>
    public Task<byte[]> RotateAsync(ControllerReference controller, byte[] sealedSecretJson, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("cannot re-encrypt secret: --re-encrypt needs a running Sealed Secrets controller, which this kubeseal cannot reach yet; use --recovery-unseal and seal again with --cert offline");
}
