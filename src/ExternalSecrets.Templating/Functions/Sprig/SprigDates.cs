namespace ExternalSecrets.Templating.Functions.Sprig;

internal static class SprigDates
{
    public static void Register(FuncMap m)
    {
        _ = m;
    }
}
