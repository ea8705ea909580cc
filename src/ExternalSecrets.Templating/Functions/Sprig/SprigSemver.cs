using static ExternalSecrets.Templating.Functions.Sprig.Sig;

namespace ExternalSecrets.Templating.Functions.Sprig;

/// <summary>sprig's <c>semver</c> and <c>semverCompare</c> (Masterminds/semver v3).</summary>
internal static class SprigSemver
{
    public static void Register(FuncMap m)
    {
        Fn(m, "semver", SemverVersion.PointerType, [S], static (_, a) =>
        {
            var v = SemverVersion.Parse(Str(a, 0).ToUtf8String(), out var err);
            return v is not null ? Ok(v) : GoResult.Fail(err!);
        }, returnsError: true);
        Fn(m, "semverCompare", B, [S, S], static (_, a) =>
        {
            var c = SemverConstraints.Parse(Str(a, 0).ToUtf8String(), out var err);
            if (c is null)
            {
                return GoResult.Fail(err!);
            }

            var v = SemverVersion.Parse(Str(a, 1).ToUtf8String(), out err);
            return v is null ? GoResult.Fail(err!) : Ok(c.Check(v));
        }, returnsError: true);
    }
}
