namespace ExternalSecrets.Templating.Functions.Sprig;

internal static class SprigUrls
{
    public static void Register(FuncMap m)
    {
        _ = m;
    }
}
