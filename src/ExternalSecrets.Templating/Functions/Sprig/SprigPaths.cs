namespace ExternalSecrets.Templating.Functions.Sprig;

internal static class SprigPaths
{
    public static void Register(FuncMap m)
    {
        _ = m;
    }
}
