namespace ExternalSecrets.Templating.Functions.Sprig;

internal static class SprigRandom
{
    public static void Register(FuncMap m)
    {
        _ = m;
    }
}
