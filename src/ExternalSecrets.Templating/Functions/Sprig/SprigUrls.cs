using ExternalSecrets.Templating.Values;
using static ExternalSecrets.Templating.Functions.Sprig.Sig;

namespace ExternalSecrets.Templating.Functions.Sprig;

/// <summary>sprig's url.go: <c>urlParse</c> (a dict of URL parts; panics on bad input) and <c>urlJoin</c>.</summary>
internal static class SprigUrls
{
    public static void Register(FuncMap m)
    {
        Fn(m, "urlParse", MSA, [S], static (_, a) =>
        {
            var u = GoUrl.Parse(Str(a, 0).ToUtf8String(), out var err)
                ?? throw new InvalidOperationException("unable to parse url: " + err);
            var d = new GoMap(MSA);
            d[(GoString)"scheme"] = GoString.FromUtf8(u.Scheme);
            d[(GoString)"host"] = GoString.FromUtf8(u.Host);
            d[(GoString)"hostname"] = GoString.FromUtf8(u.Hostname());
            d[(GoString)"path"] = GoString.FromUtf8(u.Path);
            d[(GoString)"query"] = GoString.FromUtf8(u.RawQuery);
            d[(GoString)"opaque"] = GoString.FromUtf8(u.Opaque);
            d[(GoString)"fragment"] = GoString.FromUtf8(u.Fragment);
            d[(GoString)"userinfo"] = GoString.FromUtf8(u.UserString());
            return Ok(d);
        });
        Fn(m, "urlJoin", S, [MSA], static (_, a) =>
        {
            var d = (GoMap)a[0]!;
            var u = new GoUrl
            {
                Scheme = Get(d, "scheme"),
                Host = Get(d, "host"),
                Path = Get(d, "path"),
                RawQuery = Get(d, "query"),
                Opaque = Get(d, "opaque"),
                Fragment = Get(d, "fragment"),
            };
            var userinfo = Get(d, "userinfo");
            if (userinfo.Length > 0)
            {
                var temp = GoUrl.Parse("proto://" + userinfo + "@host", out var err)
                    ?? throw new InvalidOperationException("unable to parse userinfo in dict: " + err);
                u.Username = temp.Username;
                u.Password = temp.Password;
            }

            return Ok(GoString.FromUtf8(u.ToString()));
        });
    }

    private static string Get(GoMap d, string key)
    {
        if (!d.TryGetValue(key, out var v))
        {
            return string.Empty;
        }

        if (v is not GoString s)
        {
            if (v is null)
            {
                throw new InvalidOperationException(SprigValues.NilDereference);
            }

            throw new InvalidOperationException("unable to parse " + key + " key, must be of type string, but " + SprigValues.KindName(v) + " found");
        }

        return s.ToUtf8String();
    }
}
