namespace ExternalSecrets.Templating.Functions.Sprig;

internal static class SprigCrypto
{
    public static void Register(FuncMap m)
    {
        _ = m;
    }
}
