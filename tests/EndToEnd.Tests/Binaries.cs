using System.Reflection;

namespace EndToEnd.Tests;

/// <summary>Where the binaries under test are: our build outputs, and the Native AOT kubeseal when .ci/steps made it.</summary>
internal static class Binaries
{
    public static string Root { get; } = FindRoot();

    private static string Configuration { get; } =
        typeof(Binaries).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().First(a => a.Key == "Configuration").Value!;

    public static string SigilDll => Path.Combine(Root, "src", "Sigil", "bin", Configuration, "net10.0", "sigil.dll");

    /// <summary>A shell command that runs our kubeseal: the AOT binary if built, else <c>dotnet kubeseal.dll</c>.</summary>
    public static string KubesealCommand
    {
        get
        {
            var aot = Path.Combine(Root, "artifacts", "kubeseal", "kubeseal");
            return File.Exists(aot)
                ? $"exec '{aot}' \"$@\""
                : $"exec dotnet '{Path.Combine(Root, "src", "SealedSecrets.Kubeseal", "bin", Configuration, "net10.0", "kubeseal.dll")}' \"$@\"";
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Sigil.slnx")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Sigil.slnx not found");
    }
}
