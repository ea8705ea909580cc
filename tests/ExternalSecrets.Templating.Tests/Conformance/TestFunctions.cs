using ExternalSecrets.Templating.Formatting;
using ExternalSecrets.Templating.Functions;
using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating.Tests.Conformance;

/// <summary>The helper functions the case file's "test" function set names; same signatures as golden/generator/main.go.</summary>
internal static class TestFunctions
{
    public static readonly FuncMap Map = Create();

    private static FuncMap Create()
    {
        var s = GoType.String;
        var i = GoType.Int;
        return new FuncMap()
            .Add(GoFunction.Fixed("echo", GoType.Any, [GoType.Any], static (_, a) => GoResult.Ok(a[0])))
            .Add(GoFunction.Fixed("oneArg", s, [s], static (_, a) => GoResult.Ok(GoString.Concat("oneArg=", (GoString)a[0]!))))
            .Add(GoFunction.Fixed("twoArgs", s, [s, s], static (_, a) => GoResult.Ok(GoString.Concat(GoString.Concat("twoArgs=", (GoString)a[0]!), (GoString)a[1]!))))
            .Add(GoFunction.WithVariadic("dddArg", s, [i], s, static (_, a) =>
            {
                var rest = string.Join(",", a[1..].ToArray().Select(x => ((GoString)x!).ToUtf8String()));
                return GoResult.Ok(GoFmt.Sprintf("dddArg=%d=%s", a[0], GoString.FromUtf8(rest)));
            }))
            .Add(GoFunction.Fixed("zeroArgs", s, [], static (_, _) => GoResult.Ok(GoString.FromUtf8("zeroArgs"))))
            .Add(GoFunction.Fixed("die", GoType.Bool, [], static (_, _) => throw new InvalidOperationException("die")))
            .Add(GoFunction.Fixed("add", i, [i, i], static (_, a) => GoResult.Ok((long)a[0]! + (long)a[1]!)))
            .Add(GoFunction.Fixed("fail", s, [s], static (_, a) => GoResult.Fail(((GoString)a[0]!).ToUtf8String()), returnsError: true))
            .Add(GoFunction.WithVariadic("makemap", GoType.MapOfStringToString, [], s, static (_, a) =>
            {
                var m = new GoMap(GoType.MapOfStringToString);
                for (var k = 0; k + 1 < a.Length; k += 2)
                {
                    m[(GoString)a[k]!] = a[k + 1];
                }

                return GoResult.Ok(m);
            }))
            .Add(GoFunction.Fixed("mapOfThree", GoType.Any, [], static (_, _) =>
            {
                var m = new GoMap(GoType.MapOf(GoType.String, GoType.Int));
                m[GoString.FromUtf8("three")] = 3L;
                return GoResult.Ok(m);
            }));
    }
}
