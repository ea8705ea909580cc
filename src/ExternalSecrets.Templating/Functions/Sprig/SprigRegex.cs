namespace ExternalSecrets.Templating.Functions.Sprig;

internal static class SprigRegex
{
    public static void Register(FuncMap m)
    {
        _ = m;
    }
}
