using ExternalSecrets.Templating.Values;
using static ExternalSecrets.Templating.Functions.Sprig.Sig;

namespace ExternalSecrets.Templating.Functions.Sprig;

/// <summary>sprig's reflect.go: <c>typeOf</c> is <c>%T</c>, <c>kindOf</c> is <c>reflect.Kind</c>; plus <c>deepEqual</c>.</summary>
internal static class SprigReflection
{
    public static void Register(FuncMap m)
    {
        Fn(m, "typeOf", S, [A], static (_, a) => Ok((GoString)GoValues.TypeName(a[0])));
        Fn(m, "typeIs", B, [S, A], static (_, a) => Ok(Str(a, 0).ToUtf8String() == GoValues.TypeName(a[1])));
        Fn(m, "typeIsLike", B, [S, A], static (_, a) =>
        {
            var target = Str(a, 0).ToUtf8String();
            var t = GoValues.TypeName(a[1]);
            return Ok(target == t || "*" + target == t);
        });
        Fn(m, "kindOf", S, [A], static (_, a) => Ok((GoString)SprigValues.KindName(a[0])));
        Fn(m, "kindIs", B, [S, A], static (_, a) => Ok(Str(a, 0).ToUtf8String() == SprigValues.KindName(a[1])));
        Fn(m, "deepEqual", B, [A, A], static (_, a) => Ok(SprigValues.DeepEqual(a[0], a[1])));
    }
}
