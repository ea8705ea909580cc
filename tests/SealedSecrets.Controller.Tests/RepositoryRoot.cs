namespace SealedSecrets.Controller.Tests;

internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Sigil.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Sigil.slnx not found above " + AppContext.BaseDirectory);
    }
}
