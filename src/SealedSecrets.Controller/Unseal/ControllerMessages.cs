namespace SealedSecrets.Controller.Unseal;

/// <summary>
/// Upstream's event reasons and texts (<c>pkg/controller/controller.go</c>, reference §3.6), plus the
/// annotation Sigil records on produced Secrets. One place, so tests and docs quote the same strings.
/// </summary>
internal static class ControllerMessages
{
    /// <summary>Events are written with this source component.</summary>
    public const string Component = "sealed-secrets";

    public const string ReasonUnsealFailed = "ErrUnsealFailed";
    public const string ReasonUpdateFailed = "ErrUpdateFailed";
    public const string ReasonUnsealed = "Unsealed";

    public const string Unsealed = "SealedSecret unsealed successfully";

    /// <summary>
    /// Sigil (beyond upstream): on each produced Secret, <c>&lt;digest&gt; &lt;key fingerprint&gt;</c>: a digest
    /// of what it was unsealed from (the SealedSecret's uid, scope and spec) and the key that opened
    /// it. When the digest matches and that key is still loaded, the Secret is in sync and neither RSA
    /// nor a write is needed: a restart with everything in sync costs only list and watch. If the key
    /// is gone (lost or relabelled), the object is unsealed again and reports the failure as upstream.
    /// </summary>
    public const string SourceHashAnnotation = "sealedsecrets.sigil.dev/unsealed-from";

    public static string UnsealFailed(string error) => "Failed to unseal: " + error;

    public static string NotManaged(string name) => $"Resource \"{name}\" already exists and is not managed by SealedSecret";

    public static string KeysTried(IReadOnlyList<string> fingerprints) =>
        fingerprints.Count == 0 ? "no sealing keys are loaded" : "keys tried: " + string.Join(", ", fingerprints);
}
