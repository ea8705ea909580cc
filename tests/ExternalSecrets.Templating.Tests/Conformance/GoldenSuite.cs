using System.Text.Json;
using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating.Tests.Conformance;

/// <summary>Loads every case file, its Go-generated expectations and the known-differences allowlist.</summary>
internal static class GoldenSuite
{
    private static readonly Lazy<Loaded> State = new(Load);

    public static IReadOnlyDictionary<string, TemplateCase> Cases => State.Value.Cases;

    public static IReadOnlyDictionary<string, GoldenResult> Expected => State.Value.Expected;

    public static IReadOnlyDictionary<string, string> KnownDifferences => State.Value.Known;

    public static IReadOnlyList<string> DuplicateNames => State.Value.Duplicates;

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "golden");

    private sealed record Loaded(
        Dictionary<string, TemplateCase> Cases,
        Dictionary<string, GoldenResult> Expected,
        Dictionary<string, string> Known,
        List<string> Duplicates);

    private static Loaded Load()
    {
        var cases = new Dictionary<string, TemplateCase>(StringComparer.Ordinal);
        var expected = new Dictionary<string, GoldenResult>(StringComparer.Ordinal);
        var duplicates = new List<string>();
        foreach (var file in System.IO.Directory.GetFiles(Path.Combine(Directory, "cases"), "*.jsonl").Order(StringComparer.Ordinal))
        {
            foreach (var line in ReadJsonLines(file))
            {
                var c = TemplateCase.Parse(line);
                if (!cases.TryAdd(c.Name, c))
                {
                    duplicates.Add(c.Name);
                }
            }

            var expectedFile = Path.Combine(Directory, "expected", Path.GetFileName(file));
            if (File.Exists(expectedFile))
            {
                foreach (var line in ReadJsonLines(expectedFile))
                {
                    var name = line.GetProperty("name").GetString()!;
                    var error = line.GetProperty("error");
                    expected[name] = new GoldenResult(
                        line.GetProperty("output").GetString()!,
                        error.ValueKind == JsonValueKind.Null ? null : error.GetString());
                }
            }
        }

        var known = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in File.ReadAllLines(Path.Combine(Directory, "known-differences.txt")))
        {
            if (raw.Length == 0 || raw.StartsWith('#'))
            {
                continue;
            }

            var tab = raw.IndexOf('\t', StringComparison.Ordinal);
            known[tab < 0 ? raw : raw[..tab]] = tab < 0 ? string.Empty : raw[(tab + 1)..];
        }

        return new Loaded(cases, expected, known, duplicates);
    }

    private static IEnumerable<JsonElement> ReadJsonLines(string file)
    {
        foreach (var line in File.ReadLines(file))
        {
            if (string.IsNullOrWhiteSpace(line) || line.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            yield return doc.RootElement.Clone();
        }
    }

    /// <summary>The expectation for a case: Go's golden result, or the case's own for newer-Go semantics.</summary>
    public static GoldenResult? ExpectationFor(TemplateCase c)
    {
        if (c.Want is not null || c.WantError is not null)
        {
            return new GoldenResult(c.Want ?? string.Empty, c.WantError);
        }

        return Expected.TryGetValue(c.Name, out var r) ? r : null;
    }

    /// <summary>Runs a case through the engine the way the generator runs it through Go.</summary>
    public static GoldenResult Run(TemplateCase c)
    {
        var options = new TemplateOptions
        {
            Funcs = FuncSets.Get(c.Funcs),
            MissingKey = c.MissingKey switch
            {
                "zero" => MissingKeyMode.Zero,
                "error" => MissingKeyMode.Error,
                _ => MissingKeyMode.Default,
            },
            LeftDelimiter = c.Left,
            RightDelimiter = c.Right,
            // Conformance checks output, not limits: a loaded CI machine needs seconds for an RSA-4096
            // genPrivateKey, so the wall-time bound here is generous (limits have their own tests).
            Limits = TemplateLimits.Default with { MaxDuration = TimeSpan.FromMinutes(2) },
        };
        var output = new GoStringBuilder();
        try
        {
            var template = GoTemplate.Parse(c.Name, c.Template, options);
            template.Execute(output, CaseData.ToValue(c.Data, c.DataKind));
            return new GoldenResult(output.ToString(), null);
        }
        catch (TemplateException e)
        {
            return new GoldenResult(output.ToString(), e.Message);
        }
    }
}
