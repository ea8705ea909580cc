using System.Text.Json;

namespace ExternalSecrets.Templating.Tests.Conformance;

/// <summary>One line of golden/cases/*.jsonl (see golden/README.md).</summary>
public sealed record TemplateCase(
    string Name,
    string Template,
    JsonElement? Data,
    string DataKind,
    string Funcs,
    string MissingKey,
    string Left,
    string Right,
    string? MinGo,
    string? Want,
    string? WantError)
{
    public static TemplateCase Parse(JsonElement e)
    {
        string S(string name, string fallback = "") =>
            e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString()! : fallback;
        string? N(string name) =>
            e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        JsonElement? data = e.TryGetProperty("data", out var d) ? d.Clone() : null;
        return new TemplateCase(S("name"), S("template"), data, S("data_kind", "typed"), S("funcs", "none"),
            S("missingkey"), S("left"), S("right"), N("min_go"), N("want"), N("want_error"));
    }

    public override string ToString() => Name;
}
