using ExternalSecrets.Templating;
using ExternalSecrets.Templating.Functions.Sprig;
using ExternalSecrets.Templating.Values;
using SealedSecrets.Api;

namespace SealedSecrets.Controller.Unseal;

/// <summary>
/// Renders <c>spec.template.data</c> as upstream does (sealed-secrets.md §1.5 step 3): Go
/// <c>text/template</c> with sprig's generic function map minus <c>env</c>, <c>expandenv</c> and
/// <c>getHostByName</c>, executed over key → decrypted value as <c>map[string]string</c>, with Go's
/// default missing-key behaviour (<c>&lt;no value&gt;</c>). Error texts are the engine's
/// <see cref="TemplateException.SafeMessage"/>: they name the template and position, never a value.
/// </summary>
internal sealed class GoTemplateRenderer : ISecretTemplateRenderer
{
    public static readonly GoTemplateRenderer Instance = new();

    // Built once: sprig's map has a few hundred entries and is read-only once built.
    private readonly TemplateOptions _options = new() { Funcs = SprigFunctions.CreateFuncMap() };

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
            throw new SealedSecretException($"error rendering template.data[{key}]: {ex.SafeMessage}", ex);
        }
    }
}
