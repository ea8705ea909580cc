using System.Buffers;

namespace Kube.ApiServer.Resources;

/// <summary>
/// The character-class checks of Kubernetes names, label values and ConfigMap/Secret keys
/// (apimachinery validation: DNS-1123 label and subdomain, qualified-name part, config key),
/// written as plain scans. They run on every write; as <c>[GeneratedRegex]</c> they pulled in
/// System.Text.RegularExpressions (~0.9 MB resident) and jitted matcher code for shapes this simple.
/// </summary>
internal static class NameSyntax
{
    private static readonly SearchValues<char> LowerAlnum = SearchValues.Create("abcdefghijklmnopqrstuvwxyz0123456789");
    private static readonly SearchValues<char> LowerAlnumDash = SearchValues.Create("-abcdefghijklmnopqrstuvwxyz0123456789");
    private static readonly SearchValues<char> Alnum = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
    private static readonly SearchValues<char> AlnumDashUnderscoreDot = SearchValues.Create("-_.ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");

    /// <summary><c>[a-z0-9]([-a-z0-9]*[a-z0-9])?</c> (no length limit: callers apply theirs).</summary>
    public static bool IsDnsLabelShape(ReadOnlySpan<char> s) =>
        s.Length > 0 && LowerAlnum.Contains(s[0]) && LowerAlnum.Contains(s[^1]) && !s.ContainsAnyExcept(LowerAlnumDash);

    /// <summary>DNS labels joined by single dots: <c>label(\.label)*</c>.</summary>
    public static bool IsDnsSubdomainShape(ReadOnlySpan<char> s)
    {
        foreach (var range in s.Split('.'))
        {
            if (!IsDnsLabelShape(s[range]))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary><c>[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?</c>: a label value or a qualified name's name part.</summary>
    public static bool IsLabelValueShape(ReadOnlySpan<char> s) =>
        s.Length > 0 && Alnum.Contains(s[0]) && Alnum.Contains(s[^1]) && !s.ContainsAnyExcept(AlnumDashUnderscoreDot);

    /// <summary><c>[-._a-zA-Z0-9]+</c>: a ConfigMap or Secret data key.</summary>
    public static bool IsConfigKey(ReadOnlySpan<char> s) => s.Length > 0 && !s.ContainsAnyExcept(AlnumDashUnderscoreDot);
}
