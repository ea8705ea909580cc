namespace ExternalSecrets.Templating.Functions.Sprig;

internal static class SprigSemver
{
    public static void Register(FuncMap m)
    {
        _ = m;
    }
}
