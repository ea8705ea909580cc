using System.Text;

namespace ExternalSecrets.Templating.Functions.Sprig;

/// <summary>The parts of Go's <c>net/url</c> sprig's <c>urlParse</c>/<c>urlJoin</c> use: Parse, String, escaping rules.</summary>
internal sealed class GoUrl
{
    public enum Mode
    {
        Path,
        Host,
        UserPassword,
        QueryComponent,
        Fragment,
    }

    public string Scheme { get; set; } = string.Empty;

    public string Opaque { get; set; } = string.Empty;

    public string? Username { get; set; }

    public string? Password { get; set; }

    public string Host { get; set; } = string.Empty;

    public string Path { get; set; } = string.Empty;

    public string RawQuery { get; set; } = string.Empty;

    public string Fragment { get; set; } = string.Empty;

    public bool ForceQuery { get; set; }

    public bool HasUser => Username is not null;

    /// <summary>Go's <c>url.Parse</c>; null and Go's error text (<c>parse "…": …</c>) on failure.</summary>
    public static GoUrl? Parse(string raw, out string? error)
    {
        error = null;
        var hash = raw.IndexOf('#', StringComparison.Ordinal);
        var u = hash < 0 ? raw : raw[..hash];
        var url = ParseNoFragment(u, out var err);
        if (url is null)
        {
            error = "parse " + Quote(u) + ": " + err;
            return null;
        }

        if (hash >= 0)
        {
            var frag = Unescape(raw[(hash + 1)..], Mode.Fragment, out err);
            if (frag is null)
            {
                error = "parse " + Quote(raw) + ": " + err;
                return null;
            }

            url.Fragment = frag;
        }

        return url;
    }

    private static GoUrl? ParseNoFragment(string raw, out string? error)
    {
        error = null;
        if (raw.Any(c => c < 0x20 || c == 0x7F))
        {
            error = "net/url: invalid control character in URL";
            return null;
        }

        var url = new GoUrl();
        if (raw.Length == 0)
        {
            return url;
        }

        if (raw == "*")
        {
            url.Path = "*";
            return url;
        }

        var rest = raw;
        for (var i = 0; i < raw.Length; i++)
        {
            var c = raw[i];
            if (char.IsAsciiLetter(c))
            {
                continue;
            }

            if (char.IsAsciiDigit(c) || c is '+' or '-' or '.')
            {
                if (i == 0)
                {
                    break;
                }

                continue;
            }

            if (c == ':')
            {
                if (i == 0)
                {
                    error = "missing protocol scheme";
                    return null;
                }

                url.Scheme = raw[..i].ToLowerInvariant();
                rest = raw[(i + 1)..];
            }

            break;
        }

        if (rest.EndsWith('?') && rest.Count(ch => ch == '?') == 1)
        {
            url.ForceQuery = true;
            rest = rest[..^1];
        }
        else
        {
            var q = rest.IndexOf('?', StringComparison.Ordinal);
            if (q >= 0)
            {
                url.RawQuery = rest[(q + 1)..];
                rest = rest[..q];
            }
        }

        if (!rest.StartsWith('/'))
        {
            if (url.Scheme.Length > 0)
            {
                url.Opaque = rest;
                return url;
            }

            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            var segment = slash < 0 ? rest : rest[..slash];
            if (segment.Contains(':', StringComparison.Ordinal))
            {
                error = "first path segment in URL cannot contain colon";
                return null;
            }
        }

        if ((url.Scheme.Length > 0 || !rest.StartsWith("///", StringComparison.Ordinal)) && rest.StartsWith("//", StringComparison.Ordinal))
        {
            var authority = rest[2..];
            rest = string.Empty;
            var slash = authority.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0)
            {
                rest = authority[slash..];
                authority = authority[..slash];
            }

            if (!ParseAuthority(url, authority, out error))
            {
                return null;
            }
        }

        var path = Unescape(rest, Mode.Path, out error);
        if (path is null)
        {
            return null;
        }

        url.Path = path;
        return url;
    }

    private static bool ParseAuthority(GoUrl url, string authority, out string? error)
    {
        error = null;
        var at = authority.LastIndexOf('@');
        var host = ParseHost(at < 0 ? authority : authority[(at + 1)..], out error);
        if (host is null)
        {
            return false;
        }

        url.Host = host;
        if (at < 0)
        {
            return true;
        }

        var userinfo = authority[..at];
        if (!userinfo.All(c => char.IsAsciiLetterOrDigit(c) || "-._:~!$&'()*+,;=%@".Contains(c, StringComparison.Ordinal)))
        {
            error = "net/url: invalid userinfo";
            return false;
        }

        var colon = userinfo.IndexOf(':', StringComparison.Ordinal);
        var user = Unescape(colon < 0 ? userinfo : userinfo[..colon], Mode.UserPassword, out error);
        if (user is null)
        {
            return false;
        }

        url.Username = user;
        if (colon >= 0)
        {
            var pass = Unescape(userinfo[(colon + 1)..], Mode.UserPassword, out error);
            if (pass is null)
            {
                return false;
            }

            url.Password = pass;
        }

        return true;
    }

    private static string? ParseHost(string host, out string? error)
    {
        error = null;
        if (host.StartsWith('['))
        {
            var close = host.LastIndexOf(']');
            if (close < 0)
            {
                error = "missing ']' in host";
                return null;
            }

            var colonPort = host[(close + 1)..];
            if (!ValidOptionalPort(colonPort))
            {
                error = "invalid port " + Quote(colonPort) + " after host";
                return null;
            }
        }
        else
        {
            var i = host.LastIndexOf(':');
            if (i >= 0)
            {
                var colonPort = host[i..];
                if (!ValidOptionalPort(colonPort))
                {
                    error = "invalid port " + Quote(colonPort) + " after host";
                    return null;
                }
            }
        }

        return Unescape(host, Mode.Host, out error);
    }

    private static bool ValidOptionalPort(string port) =>
        port.Length == 0 || (port[0] == ':' && port[1..].All(char.IsAsciiDigit));

    /// <summary>Go's <c>URL.Hostname</c>.</summary>
    public string Hostname()
    {
        var host = Host;
        if (host.StartsWith('['))
        {
            var close = host.IndexOf(']', StringComparison.Ordinal);
            return close < 0 ? host[1..] : host[1..close];
        }

        var colon = host.LastIndexOf(':');
        return colon >= 0 && ValidOptionalPort(host[colon..]) ? host[..colon] : host;
    }

    public string UserString() =>
        Username is null ? string.Empty : Escape(Username, Mode.UserPassword) + (Password is null ? string.Empty : ":" + Escape(Password, Mode.UserPassword));

    /// <summary>Go's <c>URL.String</c> (Go 1.19).</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        if (Scheme.Length > 0)
        {
            sb.Append(Scheme).Append(':');
        }

        if (Opaque.Length > 0)
        {
            sb.Append(Opaque);
        }
        else
        {
            if (Scheme.Length > 0 || Host.Length > 0 || HasUser)
            {
                if (Host.Length > 0 || Path.Length > 0 || HasUser)
                {
                    sb.Append("//");
                }

                if (HasUser)
                {
                    sb.Append(UserString()).Append('@');
                }

                if (Host.Length > 0)
                {
                    sb.Append(Escape(Host, Mode.Host));
                }
            }

            var path = Path == "*" ? "*" : Escape(Path, Mode.Path);
            if (path.Length > 0 && path[0] != '/' && Host.Length > 0)
            {
                sb.Append('/');
            }

            if (sb.Length == 0)
            {
                var slash = path.IndexOf('/', StringComparison.Ordinal);
                if ((slash < 0 ? path : path[..slash]).Contains(':', StringComparison.Ordinal))
                {
                    sb.Append("./");
                }
            }

            sb.Append(path);
        }

        if (ForceQuery || RawQuery.Length > 0)
        {
            sb.Append('?').Append(RawQuery);
        }

        if (Fragment.Length > 0)
        {
            sb.Append('#').Append(Escape(Fragment, Mode.Fragment));
        }

        return sb.ToString();
    }

    private static bool ShouldEscape(byte c, Mode mode)
    {
        if (char.IsAsciiLetterOrDigit((char)c))
        {
            return false;
        }

        if (mode == Mode.Host && "!$&'()*+,;=:[]<>\"".Contains((char)c, StringComparison.Ordinal))
        {
            return false;
        }

        switch ((char)c)
        {
            case '-' or '_' or '.' or '~':
                return false;
            case '$' or '&' or '+' or ',' or '/' or ':' or ';' or '=' or '?' or '@':
                return mode switch
                {
                    Mode.Path => c == '?',
                    Mode.UserPassword => c is (byte)'@' or (byte)'/' or (byte)'?' or (byte)':',
                    Mode.QueryComponent => true,
                    Mode.Fragment => false,
                    _ => true,
                };
            default:
                break;
        }

        if (mode == Mode.Fragment && c is (byte)'!' or (byte)'(' or (byte)')' or (byte)'*')
        {
            return false;
        }

        return true;
    }

    public static string Escape(string s, Mode mode)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        var sb = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (ShouldEscape(b, mode))
            {
                if (b == ' ' && mode == Mode.QueryComponent)
                {
                    sb.Append('+');
                }
                else
                {
                    sb.Append('%').Append("0123456789ABCDEF"[b >> 4]).Append("0123456789ABCDEF"[b & 15]);
                }
            }
            else
            {
                sb.Append((char)b);
            }
        }

        return sb.ToString();
    }

    private static string? Unescape(string s, Mode mode, out string? error)
    {
        error = null;
        if (!s.Contains('%', StringComparison.Ordinal) && !(mode == Mode.QueryComponent && s.Contains('+', StringComparison.Ordinal)))
        {
            return s;
        }

        var bytes = Encoding.UTF8.GetBytes(s);
        var output = new List<byte>(bytes.Length);
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if (b == '%')
            {
                if (i + 2 >= bytes.Length || !Uri.IsHexDigit((char)bytes[i + 1]) || !Uri.IsHexDigit((char)bytes[i + 2]))
                {
                    var end = Math.Min(bytes.Length, i + 3);
                    error = "invalid URL escape " + Quote(Encoding.UTF8.GetString(bytes, i, end - i));
                    return null;
                }

                output.Add(Convert.ToByte(Encoding.ASCII.GetString(bytes, i + 1, 2), 16));
                i += 2;
                continue;
            }

            output.Add(b == '+' && mode == Mode.QueryComponent ? (byte)' ' : b);
        }

        return Encoding.UTF8.GetString(output.ToArray());
    }

    private static string Quote(string s) => Formatting.GoQuote.Quote(Values.GoString.FromUtf8(s)).ToString();
}
