namespace ExternalSecrets.Templating.Functions;

/// <summary>
/// The function maps callers use. <see cref="Eso"/> is what ESO's template engine v2 exposes: sprig
/// (without env/expandenv/getHostByName) and ESO's own functions. The libraries in this folder add
/// themselves by implementing <see cref="AddEsoLibraries"/>; until they do, only Go's builtins exist.
/// </summary>
public static partial class TemplateFunctionSets
{
    /// <summary>A new map with every function ESO's <c>target.template</c> can call.</summary>
    public static FuncMap Eso()
    {
        var map = new FuncMap();
        AddEsoLibraries(map);
        return map;
    }

    static partial void AddEsoLibraries(FuncMap map);
}
