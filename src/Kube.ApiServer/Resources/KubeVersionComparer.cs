using System.Globalization;
using System.Text.RegularExpressions;

namespace Kube.ApiServer.Resources;

/// <summary>
/// Orders API versions by Kubernetes priority: GA before beta before alpha, higher numbers first,
/// then other strings alphabetically (apimachinery's CompareKubeAwareVersionStrings, restated).
/// </summary>
internal sealed partial class KubeVersionComparer : IComparer<string>
{
    public static readonly KubeVersionComparer Instance = new();

    public int Compare(string? x, string? y)
    {
        var a = Rank(x ?? string.Empty);
        var b = Rank(y ?? string.Empty);
        if (a.Tier != b.Tier)
        {
            return a.Tier.CompareTo(b.Tier);
        }

        if (a.Tier == 3)
        {
            return string.CompareOrdinal(x, y);
        }

        if (a.Major != b.Major)
        {
            return b.Major.CompareTo(a.Major);
        }

        return b.Minor.CompareTo(a.Minor);
    }

    private static (int Tier, int Major, int Minor) Rank(string v)
    {
        var m = VersionPattern().Match(v);
        if (!m.Success)
        {
            return (3, 0, 0);
        }

        var major = int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var minor = m.Groups[3].Success ? int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture) : 0;
        var tier = m.Groups[2].Value switch { "" => 0, "beta" => 1, _ => 2 };
        return (tier, major, minor);
    }

    [GeneratedRegex("^v([0-9]+)(?:(alpha|beta)([0-9]+))?$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionPattern();
}
