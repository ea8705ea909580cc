using System.Globalization;
using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating.Functions.Sprig;

/// <summary>Masterminds/semver v3's <c>*semver.Version</c> (what sprig's <c>semver</c> returns) with its template-visible methods.</summary>
internal sealed class SemverVersion : IGoObject, IGoJsonValue
{
    public static readonly GoType PointerType = GoType.Named(GoKind.Pointer, "*semver.Version");
    public static readonly GoType ValueType = GoType.Named(GoKind.Struct, "semver.Version");

    private static readonly Lazy<GoRegexp> VersionRegex = new(() => GoRegexp.Compile(
        @"^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?$"));

    private readonly bool _isPointer;

    private SemverVersion(ulong major, ulong minor, ulong patch, string pre, string metadata, string original, bool isPointer)
    {
        Major = major;
        Minor = minor;
        Patch = patch;
        Pre = pre;
        Metadata = metadata;
        Original = original;
        _isPointer = isPointer;
    }

    public ulong Major { get; }

    public ulong Minor { get; }

    public ulong Patch { get; }

    public string Pre { get; }

    public string Metadata { get; }

    public string Original { get; }

    public GoType Type => _isPointer ? PointerType : ValueType;

    /// <summary>semver.NewVersion (the loose form: "v" prefix, missing minor/patch).</summary>
    public static SemverVersion? Parse(string v, out string? error)
    {
        error = null;
        var m = VersionRegex.Value.Regex.Match(v);
        if (!m.Success)
        {
            error = "Invalid Semantic Version";
            return null;
        }

        string G(int n) => m.Groups[GoRegexTranslator.DotNetName(n)].Value;
        if (!ulong.TryParse(G(1), NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !TryPart(G(2), out var minor) || !TryPart(G(3), out var patch))
        {
            error = "Error parsing version segment: value out of range";
            return null;
        }

        var pre = G(5);
        var meta = G(8);
        foreach (var p in pre.Length > 0 ? pre.Split('.') : [])
        {
            if (p.All(char.IsAsciiDigit) && p.Length > 1 && p[0] == '0')
            {
                error = "Version segment starts with 0";
                return null;
            }
        }

        return new SemverVersion(major, minor, patch, pre, meta, v, isPointer: true);
    }

    private static bool TryPart(string s, out ulong value)
    {
        value = 0;
        return s.Length == 0 || ulong.TryParse(s.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    public override string ToString()
    {
        var s = string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}.{Patch}");
        if (Pre.Length > 0)
        {
            s += "-" + Pre;
        }

        if (Metadata.Length > 0)
        {
            s += "+" + Metadata;
        }

        return s;
    }

    public GoString Format() => GoString.FromUtf8(ToString());

    public GoString MarshalJson() => GoString.FromUtf8("\"" + ToString() + "\"");

    public bool TryGetField(string name, out object? value)
    {
        value = null;
        return false;
    }

    public int Compare(SemverVersion o)
    {
        var d = Major.CompareTo(o.Major);
        if (d == 0)
        {
            d = Minor.CompareTo(o.Minor);
        }

        if (d == 0)
        {
            d = Patch.CompareTo(o.Patch);
        }

        if (d != 0)
        {
            return Math.Sign(d);
        }

        if (Pre.Length == 0 && o.Pre.Length == 0)
        {
            return 0;
        }

        if (Pre.Length == 0)
        {
            return 1;
        }

        if (o.Pre.Length == 0)
        {
            return -1;
        }

        return ComparePrerelease(Pre, o.Pre);
    }

    public static int ComparePrerelease(string v, string o)
    {
        var sparts = v.Split('.');
        var oparts = o.Split('.');
        var l = Math.Max(sparts.Length, oparts.Length);
        for (var i = 0; i < l; i++)
        {
            var d = ComparePrePart(i < sparts.Length ? sparts[i] : string.Empty, i < oparts.Length ? oparts[i] : string.Empty);
            if (d != 0)
            {
                return d;
            }
        }

        return 0;
    }

    private static int ComparePrePart(string s, string o)
    {
        if (s == o)
        {
            return 0;
        }

        if (s.Length == 0)
        {
            return -1;
        }

        if (o.Length == 0)
        {
            return 1;
        }

        var oNum = ulong.TryParse(o, NumberStyles.None, CultureInfo.InvariantCulture, out var oi);
        var sNum = ulong.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var si);
        if (!oNum && !sNum)
        {
            return string.CompareOrdinal(s, o) > 0 ? 1 : -1;
        }

        if (!oNum)
        {
            return -1;
        }

        if (!sNum)
        {
            return 1;
        }

        return si > oi ? 1 : -1;
    }

    public GoFunction? GetMethod(string name) => name switch
    {
        "Major" => M(GoType.Uint64, Major),
        "Minor" => M(GoType.Uint64, Minor),
        "Patch" => M(GoType.Uint64, Patch),
        "Prerelease" => M(GoType.String, GoString.FromUtf8(Pre)),
        "Metadata" => M(GoType.String, GoString.FromUtf8(Metadata)),
        "Original" => M(GoType.String, GoString.FromUtf8(Original)),
        "String" => M(GoType.String, Format()),
        "Compare" => Cmp("Compare", GoType.Int, c => (long)c),
        "LessThan" => Cmp("LessThan", GoType.Bool, c => GoValues.Box(c < 0)),
        "GreaterThan" => Cmp("GreaterThan", GoType.Bool, c => GoValues.Box(c > 0)),
        "Equal" => Cmp("Equal", GoType.Bool, c => GoValues.Box(c == 0)),
        "IncMajor" => M(ValueType, Inc(Major + 1, 0, 0)),
        "IncMinor" => M(ValueType, Inc(Major, Minor + 1, 0)),
        "IncPatch" => M(ValueType, Pre.Length > 0 ? Inc(Major, Minor, Patch) : Inc(Major, Minor, Patch + 1)),
        _ => null,
    };

    private SemverVersion Inc(ulong major, ulong minor, ulong patch)
    {
        var next = new SemverVersion(major, minor, patch, string.Empty, string.Empty, string.Empty, isPointer: false);
        var prefix = Original.StartsWith('v') ? "v" : string.Empty;
        return new SemverVersion(major, minor, patch, string.Empty, string.Empty, prefix + next, isPointer: false);
    }

    private static GoFunction M(GoType result, object value) => GoFunction.Fixed("m", result, [], (_, _) => GoResult.Ok(value));

    private GoFunction Cmp(string name, GoType result, Func<int, object> map) =>
        GoFunction.Fixed(name, result, [PointerType], (_, a) =>
            a[0] is SemverVersion o ? GoResult.Ok(map(Compare(o))) : throw new InvalidOperationException(SprigValues.NilDereference));
}
