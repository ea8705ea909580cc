namespace SealedSecrets.Api;

/// <summary>
/// Renders one <c>spec.template.data</c> entry (a Go text/template with Sprig, minus
/// <c>env</c>/<c>expandenv</c>/<c>getHostByName</c>). The controller and <c>kubeseal --recovery-unseal</c>
/// plug in <see cref="Templating.GoTemplateRenderer"/>; without one, only templates with no actions
/// (<c>{{</c>) can be produced.
/// </summary>
public interface ISecretTemplateRenderer
{
    /// <summary>Renders <paramref name="source"/> for output key <paramref name="key"/> over <paramref name="values"/>.</summary>
    /// <exception cref="SealedSecretException">The template does not parse or fails to execute.</exception>
    byte[] Render(string key, string source, IReadOnlyDictionary<string, byte[]> values);
}
