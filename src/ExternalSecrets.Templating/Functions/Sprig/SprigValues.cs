using System.Globalization;
using ExternalSecrets.Templating.Formatting;
using ExternalSecrets.Templating.Parsing;
using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating.Functions.Sprig;

/// <summary>
/// The value helpers sprig builds on: <c>strval</c>, spf13/cast's numeric conversions,
/// sprig's <c>empty</c>, reflect kind names and <c>reflect.DeepEqual</c>.
/// </summary>
internal static class SprigValues
{
    /// <summary>The panic text of Go's nil dereference (what <c>reflect.TypeOf(nil).Kind()</c> hits in sprig's list functions).</summary>
    public const string NilDereference = "runtime error: invalid memory address or nil pointer dereference";

    /// <summary>sprig's <c>strval</c>: strings as is, Stringers through <c>String()</c>, the rest as <c>%v</c>.</summary>
    public static GoString Strval(object? value) => value switch
    {
        GoString s => s,
        IGoObject o => o.Format(),
        _ => GoFmt.Sprint(value),
    };

    /// <summary>spf13/cast <c>ToInt64</c>: errors become 0.</summary>
    public static long ToInt64(object? value)
    {
        switch (value)
        {
            case null:
                return 0;
            case long i:
                return i;
            case GoInt64 i:
                return i.Value;
            case ulong u:
                return unchecked((long)u);
            case double d:
                return FloatToInt64(d);
            case bool b:
                return b ? 1 : 0;
            case GoString s:
                return GoNumber.TryParseInt(TrimZeroDecimal(s.ToUtf8String()), 0, out var v) ? v : 0;
            default:
                return 0;
        }
    }

    /// <summary>spf13/cast <c>ToFloat64</c>: errors become 0.</summary>
    public static double ToFloat64(object? value) => value switch
    {
        null => 0,
        long i => i,
        GoInt64 i => i.Value,
        ulong u => u,
        double d => d,
        bool b => b ? 1 : 0,
        GoString s => GoNumber.TryParseStrconvFloat(s.ToUtf8String(), out var f) ? f : 0,
        _ => 0,
    };

    /// <summary>Go's <c>int64(f)</c> on amd64: truncation, and the "indefinite" MinInt64 for NaN and overflow.</summary>
    public static long FloatToInt64(double d)
    {
        if (double.IsNaN(d) || d >= 9.2233720368547758e18 || d < -9.2233720368547758e18)
        {
            return long.MinValue;
        }

        return (long)d;
    }

    // spf13/cast strips a trailing ".000" so that "8.00" parses as an integer.
    private static string TrimZeroDecimal(string s)
    {
        var foundZero = false;
        for (var i = s.Length; i > 0; i--)
        {
            switch (s[i - 1])
            {
                case '.':
                    if (foundZero)
                    {
                        return s[..(i - 1)];
                    }

                    break;
                case '0':
                    foundZero = true;
                    break;
                default:
                    return s;
            }
        }

        return s;
    }

    /// <summary>sprig's <c>empty</c> (zero values, empty collections, nil).</summary>
    public static bool IsEmpty(object? value) => value switch
    {
        null => true,
        GoString s => s.Length == 0,
        GoList l => l.Count == 0,
        GoMap m => m.Count == 0,
        bool b => !b,
        long i => i == 0,
        GoInt64 i => i.Value == 0,
        ulong u => u == 0,
        double d => d == 0,
        _ => false,
    };

    /// <summary>Go's <c>reflect.Kind.String()</c> of a value (<c>invalid</c> for nil).</summary>
    public static string KindName(object? value)
    {
        var type = GoValues.TypeOf(value);
        return type is null ? "invalid" : KindName(type);
    }

    public static string KindName(GoType type) => type.Kind switch
    {
        GoKind.Bool => "bool",
        GoKind.Int => "int",
        GoKind.Int64 => "int64",
        GoKind.Uint64 => "uint64",
        GoKind.Float64 => "float64",
        GoKind.String => "string",
        GoKind.Slice => "slice",
        GoKind.Map => "map",
        GoKind.Func => "func",
        GoKind.Struct => "struct",
        GoKind.Pointer => "ptr",
        GoKind.Interface => "interface",
        _ => "invalid",
    };

    /// <summary>Go's <c>reflect.DeepEqual</c> on template values (types must match exactly).</summary>
    public static bool DeepEqual(object? a, object? b)
    {
        if (a is null || b is null)
        {
            return a is null && b is null;
        }

        switch (a)
        {
            case GoString sa:
                return b is GoString sb && sa.Equals(sb);
            case GoList la:
                {
                    if (b is not GoList lb || la.Type != lb.Type || la.Count != lb.Count)
                    {
                        return false;
                    }

                    for (var i = 0; i < la.Count; i++)
                    {
                        if (!DeepEqual(la[i], lb[i]))
                        {
                            return false;
                        }
                    }

                    return true;
                }

            case GoMap ma:
                {
                    if (b is not GoMap mb || ma.Type != mb.Type || ma.Count != mb.Count)
                    {
                        return false;
                    }

                    foreach (var (k, v) in ma)
                    {
                        if (!mb.TryGetValue(k, out var w) || !DeepEqual(v, w))
                        {
                            return false;
                        }
                    }

                    return true;
                }

            case double da:
                // DeepEqual compares with ==, so NaN is unequal to itself.
                return b is double db && da == db;
            case GoFunction:
                return false;
            default:
                return a.GetType() == b.GetType() && a.Equals(b);
        }
    }

    /// <summary>The list behind a slice value, or null when the value is not a slice.</summary>
    public static GoList? AsList(object? value) => value as GoList;

    /// <summary>
    /// The panic sprig's non-<c>must</c> list helpers raise on non-lists: <c>reflect.TypeOf(nil).Kind()</c>
    /// dereferences nil, everything else is the helper's own <c>fmt.Errorf</c>.
    /// </summary>
    public static GoList RequireList(object? value, string what, out string? error)
    {
        if (value is null)
        {
            throw new InvalidOperationException(NilDereference);
        }

        if (value is GoList list)
        {
            error = null;
            return list;
        }

        error = string.Format(CultureInfo.InvariantCulture, what, KindName(value));
        return null!;
    }
}
