using ExternalSecrets.Templating.Functions;

namespace ExternalSecrets.Templating.Tests.Conformance;

/// <summary>
/// The function sets a case can ask for ("funcs"). "sprig" is filled in by the sprig/ESO function
/// library (register its FuncMap here); until then such cases fail, which is intended.
/// </summary>
internal static class FuncSets
{
    public static FuncMap? Get(string name) => name switch
    {
        "none" or "" => null,
        "test" => TestFunctions.Map,
        "sprig" => Sprig ?? throw new InvalidOperationException("no sprig function set registered in FuncSets.Sprig"),
        _ => throw new InvalidOperationException($"unknown function set \"{name}\""),
    };

    /// <summary>Set by the sprig/ESO library's tests (or assigned here once it exists).</summary>
    public static FuncMap? Sprig { get; set; } = ExternalSecrets.Templating.Functions.Eso.EsoFunctions.CreateFuncMap();
}
