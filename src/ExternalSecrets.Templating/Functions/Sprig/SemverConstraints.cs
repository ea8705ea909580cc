using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating.Functions.Sprig;

/// <summary>
/// Masterminds/semver v3 constraints (<c>^1.2</c>, <c>~1.2.3</c>, <c>&gt;= 1.0, &lt; 2</c>, <c>1.2 - 1.4</c>,
/// <c>||</c>, wildcards). Parsed with the library's own Go regular expressions through
/// <see cref="GoRegexp"/>, checked with its per-operator rules (a prerelease version only
/// satisfies constraints that name a prerelease).
/// </summary>
internal sealed class SemverConstraints
{
    private const string Ops = @"=||!=|>|<|>=|=>|<=|=<|~|~>|\^";
    private const string Cv = @"v?([0-9|x|X|\*]+)(\.[0-9|x|X|\*]+)?(\.[0-9|x|X|\*]+)?(-([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?(\+([0-9A-Za-z\-]+(\.[0-9A-Za-z\-]+)*))?";
    private static readonly Lazy<GoRegexp> ConstraintRegex = new(() => GoRegexp.Compile($@"^\s*({Ops})\s*({Cv})\s*$"));
    private static readonly Lazy<GoRegexp> RangeRegex = new(() => GoRegexp.Compile($@"\s*({Cv})\s+-\s+({Cv})\s*"));
    private static readonly Lazy<GoRegexp> FindRegex = new(() => GoRegexp.Compile($@"({Ops})\s*({Cv})"));
    private static readonly Lazy<GoRegexp> ValidRegex = new(() => GoRegexp.Compile($@"^(\s*({Ops})\s*({Cv})\s*)((?:\s+|,\s*)({Ops})\s*({Cv})\s*)*$"));

    private readonly List<List<Constraint>> _or;

    private SemverConstraints(List<List<Constraint>> or) => _or = or;

    private sealed record Constraint(SemverVersion Con, string Op, bool Dirty, bool MinorDirty, bool PatchDirty);

    public static SemverConstraints? Parse(string c, out string? error)
    {
        error = null;
        c = RewriteRange(c);
        var or = new List<List<Constraint>>();
        foreach (var v in c.Split("||"))
        {
            if (!ValidRegex.Value.IsMatch(v))
            {
                error = "improper constraint: " + v;
                return null;
            }

            var found = FindRegex.Value.FindAll(v, -1).Select(m => m.Value).ToList();
            if (found.Count == 0)
            {
                found.Add(v);
            }

            var and = new List<Constraint>();
            foreach (var s in found)
            {
                var pc = ParseOne(s, out error);
                if (pc is null)
                {
                    return null;
                }

                and.Add(pc);
            }

            or.Add(and);
        }

        return new SemverConstraints(or);
    }

    private static string RewriteRange(string i)
    {
        var matches = RangeRegex.Value.FindAll(i, -1);
        var o = i;
        foreach (var m in matches)
        {
            var t = ">= " + m.Groups[GoRegexTranslator.DotNetName(1)].Value + ", <= " + m.Groups[GoRegexTranslator.DotNetName(11)].Value;
            var at = o.IndexOf(m.Value, StringComparison.Ordinal);
            if (at >= 0)
            {
                o = string.Concat(o.AsSpan(0, at), t, o.AsSpan(at + m.Value.Length));
            }
        }

        return o;
    }

    private static bool IsX(string x) => x is "x" or "*" or "X";

    private static Constraint? ParseOne(string c, out string? error)
    {
        error = null;
        if (c.Length == 0)
        {
            return new Constraint(SemverVersion.Parse("0.0.0", out _)!, string.Empty, true, false, false);
        }

        var m = ConstraintRegex.Value.Regex.Match(c);
        if (!m.Success)
        {
            error = "improper constraint: " + c;
            return null;
        }

        string G(int n) => m.Groups[GoRegexTranslator.DotNetName(n)].Value;
        var ver = G(2);
        bool minorDirty = false, patchDirty = false, dirty = false;
        if (IsX(G(3)) || G(3).Length == 0)
        {
            ver = "0.0.0" + G(6);
            dirty = true;
        }
        else if (IsX(G(4).TrimStart('.')) || G(4).Length == 0)
        {
            minorDirty = true;
            dirty = true;
            ver = G(3) + ".0.0" + G(6);
        }
        else if (IsX(G(5).TrimStart('.')) || G(5).Length == 0)
        {
            dirty = true;
            patchDirty = true;
            ver = G(3) + G(4) + ".0" + G(6);
        }

        var con = SemverVersion.Parse(ver, out _);
        if (con is null)
        {
            error = "constraint Parser Error";
            return null;
        }

        return new Constraint(con, G(1), dirty, minorDirty, patchDirty);
    }

    public bool Check(SemverVersion v) => _or.Any(and => and.All(c => CheckOne(v, c)));

    private static bool CheckOne(SemverVersion v, Constraint c)
    {
        var vPre = v.Pre.Length > 0;
        var cPre = c.Con.Pre.Length > 0;
        switch (c.Op)
        {
            case "!=":
                if (c.Dirty)
                {
                    if (vPre && !cPre)
                    {
                        return false;
                    }

                    if (c.Con.Major != v.Major)
                    {
                        return true;
                    }

                    if (c.Con.Minor != v.Minor && !c.MinorDirty)
                    {
                        return true;
                    }
                    else if (c.MinorDirty)
                    {
                        return false;
                    }
                    else if (c.Con.Patch != v.Patch && !c.PatchDirty)
                    {
                        return true;
                    }
                    else if (c.PatchDirty)
                    {
                        return (vPre || cPre) && SemverVersion.ComparePrerelease(v.Pre, c.Con.Pre) != 0;
                    }
                }

                return v.Compare(c.Con) != 0;
            case ">":
                if (vPre && !cPre)
                {
                    return false;
                }

                if (!c.Dirty)
                {
                    return v.Compare(c.Con) == 1;
                }

                if (v.Major > c.Con.Major)
                {
                    return true;
                }

                if (v.Major < c.Con.Major || c.MinorDirty)
                {
                    return false;
                }

                if (c.PatchDirty)
                {
                    return v.Minor > c.Con.Minor;
                }

                return v.Compare(c.Con) == 1;
            case "<":
                return !(vPre && !cPre) && v.Compare(c.Con) < 0;
            case ">=" or "=>":
                return !(vPre && !cPre) && v.Compare(c.Con) >= 0;
            case "<=" or "=<":
                if (vPre && !cPre)
                {
                    return false;
                }

                if (!c.Dirty)
                {
                    return v.Compare(c.Con) <= 0;
                }

                if (v.Major > c.Con.Major)
                {
                    return false;
                }

                return !(v.Major == c.Con.Major && v.Minor > c.Con.Minor && !c.MinorDirty);
            case "~" or "~>":
                return Tilde(v, c);
            case "^":
                return Caret(v, c);
            default:
                if (vPre && !cPre)
                {
                    return false;
                }

                return c.Dirty ? Tilde(v, c) : v.Compare(c.Con) == 0;
        }
    }

    private static bool Tilde(SemverVersion v, Constraint c)
    {
        if (v.Pre.Length > 0 && c.Con.Pre.Length == 0)
        {
            return false;
        }

        if (v.Compare(c.Con) < 0)
        {
            return false;
        }

        if (c.Con.Major == 0 && c.Con.Minor == 0 && c.Con.Patch == 0 && !c.MinorDirty && !c.PatchDirty)
        {
            return true;
        }

        if (v.Major != c.Con.Major)
        {
            return false;
        }

        return v.Minor == c.Con.Minor || c.MinorDirty;
    }

    private static bool Caret(SemverVersion v, Constraint c)
    {
        if (v.Pre.Length > 0 && c.Con.Pre.Length == 0)
        {
            return false;
        }

        if (v.Compare(c.Con) < 0)
        {
            return false;
        }

        if (c.Con.Major > 0 || c.MinorDirty)
        {
            return v.Major == c.Con.Major;
        }

        if (c.Con.Major == 0 && v.Major > 0)
        {
            return false;
        }

        if (c.Con.Minor > 0 || c.PatchDirty)
        {
            return v.Minor == c.Con.Minor;
        }

        if (c.Con.Minor == 0 && v.Minor > 0)
        {
            return false;
        }

        return c.Con.Patch == v.Patch;
    }
}
