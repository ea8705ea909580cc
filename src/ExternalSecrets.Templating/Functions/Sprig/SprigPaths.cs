using ExternalSecrets.Templating.Values;
using static ExternalSecrets.Templating.Functions.Sprig.Sig;

namespace ExternalSecrets.Templating.Functions.Sprig;

/// <summary>
/// sprig's <c>base dir clean ext isAbs</c> (Go's <c>path</c>) and the <c>os*</c> variants
/// (<c>path/filepath</c>, which on Linux, where ESO runs, is the same slash-separated logic).
/// </summary>
internal static class SprigPaths
{
    public static void Register(FuncMap m)
    {
        foreach (var prefix in new[] { string.Empty, "os" })
        {
            Fn(m, Name(prefix, "base"), S, [S], static (_, a) => Ok(GoString.FromUtf8(Base(Str(a, 0).ToUtf8String()))));
            Fn(m, Name(prefix, "dir"), S, [S], static (_, a) => Ok(GoString.FromUtf8(Dir(Str(a, 0).ToUtf8String()))));
            Fn(m, Name(prefix, "clean"), S, [S], static (_, a) => Ok(GoString.FromUtf8(Clean(Str(a, 0).ToUtf8String()))));
            Fn(m, Name(prefix, "ext"), S, [S], static (_, a) => Ok(GoString.FromUtf8(Ext(Str(a, 0).ToUtf8String()))));
            Fn(m, Name(prefix, "isAbs"), B, [S], static (_, a) => Ok(Str(a, 0).Length > 0 && Str(a, 0)[0] == '/'));
        }
    }

    private static string Name(string prefix, string name) =>
        prefix.Length == 0 ? name : prefix + char.ToUpperInvariant(name[0]) + name[1..];

    /// <summary>Go's <c>path.Clean</c>: lexical processing of <c>.</c>, <c>..</c> and repeated slashes.</summary>
    public static string Clean(string path)
    {
        if (path.Length == 0)
        {
            return ".";
        }

        var rooted = path[0] == '/';
        var parts = new List<string>();
        foreach (var part in path.Split('/'))
        {
            if (part.Length == 0 || part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                if (parts.Count > 0 && parts[^1] != "..")
                {
                    parts.RemoveAt(parts.Count - 1);
                }
                else if (!rooted)
                {
                    parts.Add("..");
                }

                continue;
            }

            parts.Add(part);
        }

        var joined = string.Join('/', parts);
        if (rooted)
        {
            return "/" + joined;
        }

        return joined.Length == 0 ? "." : joined;
    }

    public static string Base(string path)
    {
        if (path.Length == 0)
        {
            return ".";
        }

        path = path.TrimEnd('/');
        if (path.Length == 0)
        {
            return "/";
        }

        var i = path.LastIndexOf('/');
        return i >= 0 ? path[(i + 1)..] : path;
    }

    public static string Dir(string path)
    {
        var i = path.LastIndexOf('/');
        return Clean(path[..(i + 1)]);
    }

    public static string Ext(string path)
    {
        for (var i = path.Length - 1; i >= 0 && path[i] != '/'; i--)
        {
            if (path[i] == '.')
            {
                return path[i..];
            }
        }

        return string.Empty;
    }
}
