using ExternalSecrets.Templating.Values;
using static ExternalSecrets.Templating.Functions.Sprig.Sig;

namespace ExternalSecrets.Templating.Functions.Sprig;

/// <summary>
/// sprig's regex.go with Go RE2 semantics (see <see cref="GoRegexp"/>). The plain variants panic
/// on a bad pattern (<c>regexp: Compile(`…`): …</c>), the <c>must</c> variants return the error,
/// and <c>regexMatch</c> swallows it (false).
/// </summary>
internal static class SprigRegex
{
    public static void Register(FuncMap m)
    {
        Fn(m, "regexMatch", B, [S, S], static (_, a) =>
        {
            try
            {
                return Ok(GoRegexp.Compile(Str(a, 0).ToUtf8String()).IsMatch(Str(a, 1).ToUtf8String()));
            }
            catch (GoRegexSyntaxException)
            {
                return Ok(false);
            }
        });
        Fn(m, "mustRegexMatch", B, [S, S], static (_, a) =>
            Must(a, static (re, a) => Ok(re.IsMatch(Str(a, 1).ToUtf8String()))), returnsError: true);

        Fn(m, "regexFindAll", LS, [S, S, I], static (_, a) => Ok(FindAll(GoRegexp.MustCompile(Str(a, 0)), a)));
        Fn(m, "mustRegexFindAll", LS, [S, S, I], static (_, a) => Must(a, static (re, a) => Ok(FindAll(re, a))), returnsError: true);

        Fn(m, "regexFind", S, [S, S], static (_, a) => Ok(U(GoRegexp.MustCompile(Str(a, 0)).FindString(Str(a, 1).ToUtf8String()))));
        Fn(m, "mustRegexFind", S, [S, S], static (_, a) => Must(a, static (re, a) => Ok(U(re.FindString(Str(a, 1).ToUtf8String())))), returnsError: true);

        Fn(m, "regexReplaceAll", S, [S, S, S], static (ctx, a) => Ok(Replace(ctx, GoRegexp.MustCompile(Str(a, 0)), a, expand: true)));
        Fn(m, "mustRegexReplaceAll", S, [S, S, S], static (ctx, a) => MustCtx(ctx, a, static (ctx, re, a) => Ok(Replace(ctx, re, a, expand: true))), returnsError: true);
        Fn(m, "regexReplaceAllLiteral", S, [S, S, S], static (ctx, a) => Ok(Replace(ctx, GoRegexp.MustCompile(Str(a, 0)), a, expand: false)));
        Fn(m, "mustRegexReplaceAllLiteral", S, [S, S, S], static (ctx, a) => MustCtx(ctx, a, static (ctx, re, a) => Ok(Replace(ctx, re, a, expand: false))), returnsError: true);

        Fn(m, "regexSplit", LS, [S, S, I], static (_, a) => Ok(Split(GoRegexp.MustCompile(Str(a, 0)), a)));
        Fn(m, "mustRegexSplit", LS, [S, S, I], static (_, a) => Must(a, static (re, a) => Ok(Split(re, a))), returnsError: true);

        Fn(m, "regexQuoteMeta", S, [S], static (_, a) => Ok(QuoteMeta(Str(a, 0))));
    }

    private delegate GoResult RegexBody(GoRegexp re, ReadOnlySpan<object?> args);

    private delegate GoResult RegexCtxBody(FunctionContext ctx, GoRegexp re, ReadOnlySpan<object?> args);

    private static GoResult Must(ReadOnlySpan<object?> a, RegexBody body)
    {
        GoRegexp re;
        try
        {
            re = GoRegexp.Compile(Str(a, 0).ToUtf8String());
        }
        catch (GoRegexSyntaxException e)
        {
            return GoResult.Fail(e.Message);
        }

        return body(re, a);
    }

    private static GoResult MustCtx(FunctionContext ctx, ReadOnlySpan<object?> a, RegexCtxBody body)
    {
        GoRegexp re;
        try
        {
            re = GoRegexp.Compile(Str(a, 0).ToUtf8String());
        }
        catch (GoRegexSyntaxException e)
        {
            return GoResult.Fail(e.Message);
        }

        return body(ctx, re, a);
    }

    private static GoString U(string? s) => GoString.FromUtf8(s ?? string.Empty);

    private static GoList FindAll(GoRegexp re, ReadOnlySpan<object?> a)
    {
        var n = (int)Math.Clamp(Int(a, 2), int.MinValue, int.MaxValue);
        var list = new GoList(LS);
        foreach (var match in re.FindAll(Str(a, 1).ToUtf8String(), n))
        {
            list.Add(GoString.FromUtf8(match.Value));
        }

        return list;
    }

    private static GoString Replace(FunctionContext ctx, GoRegexp re, ReadOnlySpan<object?> a, bool expand) =>
        U(re.ReplaceAll(Str(a, 1).ToUtf8String(), Str(a, 2).ToUtf8String(), expand, ctx));

    private static GoList Split(GoRegexp re, ReadOnlySpan<object?> a)
    {
        var n = (int)Math.Clamp(Int(a, 2), int.MinValue, int.MaxValue);
        return new GoList(LS, re.Split(Str(a, 1).ToUtf8String(), n).Select(s => (object?)GoString.FromUtf8(s)));
    }

    // Go's regexp.QuoteMeta: a backslash before each of \.+*?()|[]{}^$ (bytewise, so binary passes through).
    private static GoString QuoteMeta(GoString s)
    {
        var sb = new GoStringBuilder(s.Length * 2);
        foreach (var b in s.Span)
        {
            if (b < 0x80 && @"\.+*?()|[]{}^$".Contains((char)b, StringComparison.Ordinal))
            {
                sb.Append((byte)'\\');
            }

            sb.Append(b);
        }

        return sb.ToGoString();
    }
}
