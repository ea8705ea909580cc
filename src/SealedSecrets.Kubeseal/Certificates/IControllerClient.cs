namespace SealedSecrets.Kubeseal.Certificates;

/// <summary>
/// The controller's HTTP API through the API server's services proxy: <c>/v1/verify</c>
/// (<c>--validate</c>) and <c>/v1/rotate</c> (<c>--re-encrypt</c>). Bodies are SealedSecret JSON.
/// </summary>
public interface IControllerClient
{
    /// <summary>True when the controller can decrypt the SealedSecret (200), false on 409.</summary>
    Task<bool> VerifyAsync(ControllerReference controller, byte[] sealedSecretJson, CancellationToken cancellationToken);

    /// <summary>The re-encrypted SealedSecret JSON.</summary>
    Task<byte[]> RotateAsync(ControllerReference controller, byte[] sealedSecretJson, CancellationToken cancellationToken);
}
