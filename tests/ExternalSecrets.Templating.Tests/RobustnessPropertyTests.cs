using ExternalSecrets.Templating.Values;
using FsCheck.Xunit;

namespace ExternalSecrets.Templating.Tests;

/// <summary>
/// Random templates from a grammar of Go template syntax (and randomly damaged ones) never crash the
/// engine: parsing and execution either succeed or fail with a <see cref="TemplateException"/>, and
/// rendering is deterministic. Seeds come from FsCheck, so failures are reproducible.
/// </summary>
public sealed class RobustnessPropertyTests
{
    private static readonly object Data = GoValues.FromClr(new Dictionary<string, object?>
    {
        ["a"] = "A",
        ["b"] = 2L,
        ["l"] = new List<object?> { 1L, "x", null, 2.5 },
        ["m"] = new Dictionary<string, object?> { ["k"] = "v", ["n"] = null },
        ["n"] = null,
        ["s"] = new byte[] { 0, 255, 128 },
    })!;

    private static readonly TemplateOptions Options = new()
    {
        Limits = new TemplateLimits { MaxOutputBytes = 1 << 16, MaxRangeIterations = 10_000, MaxTemplateDepth = 50 },
    };

    [Property(MaxTest = 2000)]
    public bool Random_templates_only_ever_fail_with_template_errors(int seed)
    {
        var text = new RandomTemplates(seed).Next();
        var first = Render(text);
        var second = Render(text);
        return first == second;
    }

    [Property(MaxTest = 500)]
    public bool Random_bytes_only_ever_fail_with_template_errors(byte[] bytes)
    {
        var text = "{{" + System.Text.Encoding.Latin1.GetString(bytes ?? []) + "}}" + System.Text.Encoding.Latin1.GetString(bytes ?? []);
        _ = Render(text);
        return true;
    }

    [Fact]
    public void The_grammar_reaches_successful_renders_parse_errors_and_execution_errors()
    {
        var outcomes = Enumerable.Range(0, 400).Select(seed => Render(new RandomTemplates(seed).Next())).ToList();
        Assert.Contains(outcomes, o => o.StartsWith("ok:", StringComparison.Ordinal) && o.Length > 10);
        Assert.Contains(outcomes, o => o.StartsWith("error:", StringComparison.Ordinal) && o.Contains("executing", StringComparison.Ordinal));
        Assert.Contains(outcomes, o => o.StartsWith("error:", StringComparison.Ordinal) && !o.Contains("executing", StringComparison.Ordinal));
    }

    private static string Render(string text)
    {
        try
        {
            return "ok:" + GoTemplate.Parse("p", text, Options).Execute(Data).ToUtf8String();
        }
        catch (TemplateException e)
        {
            return "error:" + e.Message;
        }
    }
}
