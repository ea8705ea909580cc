using ExternalSecrets.Templating;
using ExternalSecrets.Templating.Functions.Sprig;
using ExternalSecrets.Templating.Values;

namespace SealedSecrets.Api.Templating;

/// <summary>
/// Renders <c>spec.template.data</c> as upstream does (sealed-secrets.md §1.5 step 3): Go
/// <c>text/template</c> with sprig's generic function map minus <c>env</c>, <c>expandenv</c> and
/// <c>getHostByName</c>, executed over key → decrypted value as <c>map[string]string</c>, with Go's
/// default missing-key behaviour (<c>&lt;no value&gt;</c>). Error texts are the engine's
/// <see cref="TemplateException.SafeMessage"/>: they name the template and position, never a value.
/// Lives here, not in the controller, because upstream's <c>kubeseal --recovery-unseal</c> runs the
/// same Unseal code as the controller and must produce the same Secret (sealed-secrets.md §2.5).
/// </summary>
public sealed class GoTemplateRenderer : ISecretTemplateRenderer
{
    /// <summary>The one shared renderer; it holds no per-call state.</summary>
    public static readonly GoTemplateRenderer Instance = new();

    // Built once: sprig's map has a few hundred entries and is read-only once built.
    private readonly TemplateOptions _options = new() { Funcs = SprigFunctions.CreateFuncMap() };

    /// <inheritdoc/>
    public byte[] Render(string key, string source, IReadOnlyDictionary<string, byte[]> values)
    {
        try
        {
            var template = GoTemplate.Parse(key, source, _options);
            var data = GoValues.FromClr(values.ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal));
            return template.Execute(data).ToArray();
        }
        catch (TemplateException ex)
        {
            // No inner exception: the TemplateException's Message is Go's text, which may quote data
            // values, and a logger printing this exception with ToString() would show it.
            throw new SealedSecretException($"error rendering template.data[{key}]: {ex.SafeMessage}");
        }
    }
}
