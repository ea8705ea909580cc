using ExternalSecrets.Templating.Functions.Eso;

namespace ExternalSecrets.Templating.Functions;

/// <summary>
/// The function maps callers use. <see cref="Eso"/> is what ESO's template engine v2 exposes: sprig
/// (without env/expandenv/getHostByName) and ESO's own functions.
/// </summary>
public static class TemplateFunctionSets
{
    /// <summary>A new map with every function ESO's <c>target.template</c> can call. Build it once per
    /// caller: it holds a few hundred entries.</summary>
    public static FuncMap Eso() => EsoFunctions.CreateFuncMap();
}
