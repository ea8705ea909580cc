using ExternalSecrets.Templating.Functions;
using ExternalSecrets.Templating.Functions.Eso;
using ExternalSecrets.Templating.Values;
using Microsoft.Extensions.Time.Testing;

namespace ExternalSecrets.Templating.Tests.Functions;

/// <summary>Renders a template with ESO's function map (sprig + ESO) and a fixed clock.</summary>
internal static class Render
{
    public static readonly DateTimeOffset FixedNow = new(2024, 3, 15, 12, 34, 56, 789, TimeSpan.Zero);

    private static readonly Lazy<FuncMap> Funcs = new(EsoFunctions.CreateFuncMap);

    public static string Text(string template, object? data = null, TimeProvider? time = null) =>
        Bytes(template, data, time).ToString();

    public static GoString Bytes(string template, object? data = null, TimeProvider? time = null)
    {
        var options = new TemplateOptions { Funcs = Funcs.Value, TimeProvider = time ?? new FakeTimeProvider(FixedNow) };
        var output = new GoStringBuilder();
        GoTemplate.Parse("t", template, options).Execute(output, GoValues.FromClr(data));
        return output.ToGoString();
    }

    /// <summary>The error text a failing template produces.</summary>
    public static string Error(string template, object? data = null)
    {
        var e = Assert.ThrowsAny<TemplateException>(() => Text(template, data));
        return e.Message;
    }
}
