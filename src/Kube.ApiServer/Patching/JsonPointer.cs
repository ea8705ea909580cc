namespace Kube.ApiServer.Patching;

/// <summary>RFC 6901 JSON Pointer parsing: "/a/b~1c/~0d" → ["a", "b/c", "~d"].</summary>
internal static class JsonPointer
{
    public static IReadOnlyList<string> Parse(string pointer, string member)
    {
        if (pointer.Length == 0)
        {
            return [];
        }

        if (pointer[0] != '/')
        {
            throw PatchException.BadRequest($"json patch: \"{member}\" is not a JSON pointer: it must be empty or start with '/'");
        }

        var tokens = pointer[1..].Split('/');
        for (var i = 0; i < tokens.Length; i++)
        {
            tokens[i] = Unescape(tokens[i], member);
        }

        return tokens;
    }

    public static string Escape(string token) => token.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);

    private static string Unescape(string token, string member)
    {
        if (!token.Contains('~', StringComparison.Ordinal))
        {
            return token;
        }

        var chars = new System.Text.StringBuilder(token.Length);
        for (var i = 0; i < token.Length; i++)
        {
            if (token[i] != '~')
            {
                chars.Append(token[i]);
                continue;
            }

            // RFC 6901 §3: '~' must be followed by '0' or '1'; "~01" decodes to "~1", never "/".
            var next = i + 1 < token.Length ? token[i + 1] : '\0';
            chars.Append(next switch
            {
                '0' => '~',
                '1' => '/',
                _ => throw PatchException.BadRequest($"json patch: \"{member}\" has an invalid escape '~' (only ~0 and ~1 are allowed)"),
            });
            i++;
        }

        return chars.ToString();
    }
}
