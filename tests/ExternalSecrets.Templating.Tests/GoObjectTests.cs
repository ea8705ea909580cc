using ExternalSecrets.Templating.Functions;
using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating.Tests;

/// <summary>Values with Go fields and methods (how sprig's time.Time or *semver.Version plug in) behave as in Go templates.</summary>
public sealed class GoObjectTests
{
    private static readonly TemplateOptions Options = new()
    {
        Funcs = new FuncMap().Add(GoFunction.Fixed("version", GoType.Any, [GoType.String], static (_, a) => GoResult.Ok(new Version((GoString)a[0]!)))),
    };

    [Fact]
    public void Fields_and_niladic_methods_are_reached_with_dot_names()
    {
        Assert.Equal("1 2 true", Render("{{ $v := version \"1.2.3\" }}{{ $v.Major }} {{ $v.Minor }} {{ $v.IsRelease }}"));
        Assert.Equal("1", Render("{{ (version \"1.2.3\").Major }}"));
    }

    [Fact]
    public void Methods_take_arguments_including_the_piped_value()
    {
        Assert.Equal("true false", Render("{{ $v := version \"1.2.3\" }}{{ $v.GreaterThan 0 }} {{ 5 | $v.GreaterThan }}"));
    }

    [Fact]
    public void Printing_uses_the_values_go_formatting()
    {
        Assert.Equal("1.2.3 [1.2.3] *semver.Version", Render("{{ version \"1.2.3\" }} {{ printf \"[%s]\" (version \"1.2.3\") }} {{ printf \"%T\" (version \"1.2.3\") }}"));
    }

    [Fact]
    public void Unknown_members_and_misused_fields_fail_with_gos_messages()
    {
        var e = Assert.Throws<TemplateExecException>(() => Render("{{ (version \"1.2.3\").Nope }}"));
        Assert.EndsWith("can't evaluate field Nope in type *semver.Version", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<TemplateExecException>(() => Render("{{ $v := version \"1.2.3\" }}{{ $v.Major 1 }}"));
        Assert.EndsWith("Major has arguments but cannot be invoked as function", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<TemplateExecException>(() => Render("{{ $v := version \"1.2.3\" }}{{ $v.GreaterThan \"x\" }}"));
        Assert.EndsWith("expected integer; found \"x\"", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Objects_are_always_true_and_compare_with_equals()
    {
        Assert.Equal("yes true", Render("{{ if version \"0.0.0\" }}yes{{ end }} {{ eq (version \"1.2.3\") (version \"1.2.3\") }}"));
    }

    private static string Render(string text) => GoTemplate.Parse("t", text, Options).ExecuteToString(null);

    /// <summary>A stand-in for sprig's *semver.Version.</summary>
    private sealed class Version : IGoObject, IEquatable<Version>
    {
        private static readonly GoType VersionType = GoType.Named(GoKind.Pointer, "*semver.Version");
        private readonly long[] _parts;

        public Version(GoString text) => _parts = [.. text.ToUtf8String().Split('.').Select(long.Parse)];

        public GoType Type => VersionType;

        public GoFunction? GetMethod(string name) => name switch
        {
            "GreaterThan" => GoFunction.Fixed("GreaterThan", GoType.Bool, [GoType.Int], (_, a) => GoResult.Ok(GoValues.Box(_parts[0] > (long)a[0]!))),
            "IsRelease" => GoFunction.Fixed("IsRelease", GoType.Bool, [], (_, _) => GoResult.Ok(GoValues.Box(true))),
            _ => null,
        };

        public bool TryGetField(string name, out object? value)
        {
            value = name switch
            {
                "Major" => _parts[0],
                "Minor" => _parts[1],
                _ => null,
            };
            return value is not null;
        }

        public GoString Format() => GoString.FromUtf8(string.Join('.', _parts));

        public bool Equals(Version? other) => other is not null && _parts.SequenceEqual(other._parts);

        public override bool Equals(object? obj) => Equals(obj as Version);

        public override int GetHashCode() => _parts.Aggregate(17, (h, p) => (h * 31) + p.GetHashCode());
    }
}
