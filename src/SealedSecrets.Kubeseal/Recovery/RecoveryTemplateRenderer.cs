using SealedSecrets.Api;
using SealedSecrets.Api.Templating;

namespace SealedSecrets.Kubeseal.Recovery;

/// <summary>
/// The controller's template renderer (<see cref="GoTemplateRenderer"/>), so a recovered Secret is
/// the one the controller would write (upstream's recovery runs the same Unseal code, §2.5). A render
/// error here is printed on the terminal with no event attached to an object, so it is prefixed with
/// the SealedSecret's namespace/name; the engine's text already names the key and never a value.
/// </summary>
internal sealed class RecoveryTemplateRenderer(string objectName) : ISecretTemplateRenderer
{
    public byte[] Render(string key, string source, IReadOnlyDictionary<string, byte[]> values)
    {
        try
        {
            return GoTemplateRenderer.Instance.Render(key, source, values);
        }
        catch (SealedSecretException ex)
        {
            throw new SealedSecretException($"SealedSecret {objectName}: {ex.Message}", ex);
        }
    }
}
