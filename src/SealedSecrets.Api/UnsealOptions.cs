namespace SealedSecrets.Api;

/// <summary>How <see cref="SealedSecretUnsealer"/> treats legacy data and templates.</summary>
/// <param name="AcceptDeprecatedV1Data">
/// Accept the legacy <c>spec.data</c> blob. Upstream's controller defaults this to true
/// (<c>--accept-deprecated-v1-data</c>); <c>kubeseal --recovery-unseal</c> leaves it false.
/// </param>
/// <param name="TemplateRenderer">Renders <c>spec.template.data</c>; null allows only action-free templates.</param>
public sealed record UnsealOptions(bool AcceptDeprecatedV1Data = false, ISecretTemplateRenderer? TemplateRenderer = null);
