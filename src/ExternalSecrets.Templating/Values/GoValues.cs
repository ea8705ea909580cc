using System.Collections;
using System.Globalization;
using ExternalSecrets.Templating.Functions;

namespace ExternalSecrets.Templating.Values;

/// <summary>
/// The template value model. A Go value is one of these CLR objects:
/// <list type="table">
/// <item><term>null</term><description>Go's nil (nil interface; a missing value prints <c>&lt;no value&gt;</c>)</description></item>
/// <item><term><see cref="bool"/></term><description><c>bool</c></description></item>
/// <item><term><see cref="long"/></term><description><c>int</c> (64-bit, as on every platform ESO runs on)</description></item>
/// <item><term><see cref="GoInt64"/></term><description><c>int64</c></description></item>
/// <item><term><see cref="ulong"/></term><description><c>uint64</c></description></item>
/// <item><term><see cref="byte"/></term><description><c>uint8</c> (a byte of a string, from <c>index</c>)</description></item>
/// <item><term><see cref="double"/></term><description><c>float64</c></description></item>
/// <item><term><see cref="GoString"/></term><description><c>string</c> (bytes)</description></item>
/// <item><term><see cref="GoList"/></term><description>slices</description></item>
/// <item><term><see cref="GoMap"/></term><description>maps with string keys</description></item>
/// <item><term><see cref="GoFunction"/></term><description>function values (for <c>call</c>)</description></item>
/// <item><term><see cref="IGoObject"/></term><description>anything with fields or methods (time, semver…)</description></item>
/// </list>
/// Use <see cref="FromClr"/> at the edges to turn ordinary CLR data into this model.
/// </summary>
public static class GoValues
{
    private static readonly object BoxedTrue = true;
    private static readonly object BoxedFalse = false;

    /// <summary>Boxed booleans without allocation.</summary>
    public static object Box(bool value) => value ? BoxedTrue : BoxedFalse;

    /// <summary>The Go type of a model value; null for nil.</summary>
    public static GoType? TypeOf(object? value) => value switch
    {
        null => null,
        GoString => GoType.String,
        long => GoType.Int,
        bool => GoType.Bool,
        double => GoType.Float64,
        GoInt64 => GoType.Int64,
        ulong => GoType.Uint64,
        byte => GoType.Uint8,
        GoComplex => GoType.Complex128,
        GoMap m => m.Type,
        GoList l => l.Type,
        GoFunction => GoType.Named(GoKind.Func, "func"),
        IGoObject o => o.Type,
        _ => throw new ArgumentException($"{value.GetType().Name} is not a template value; convert with GoValues.FromClr", nameof(value)),
    };

    /// <summary>Go's <c>%T</c> spelling: the type name, or <c>&lt;nil&gt;</c>.</summary>
    public static string TypeName(object? value) => value switch
    {
        null => "<nil>",
        GoFunction f => f.GoTypeName(),
        _ => TypeOf(value)!.Name,
    };

    /// <summary>
    /// Go's template truth (<c>if</c>, <c>with</c>, <c>and</c>, <c>or</c>, <c>not</c>): false, zero
    /// numbers, nil and empty strings/slices/maps are false; structs and functions are true.
    /// </summary>
    public static bool IsTrue(object? value) => value switch
    {
        null => false,
        bool b => b,
        GoString s => s.Length > 0,
        long i => i != 0,
        double d => d != 0,
        GoInt64 i => i.Value != 0,
        ulong u => u != 0,
        byte b => b != 0,
        GoComplex c => c.Real != 0 || c.Imaginary != 0,
        GoMap m => m.Count > 0,
        GoList l => l.Count > 0,
        _ => true,
    };

    /// <summary>An integer of any Go integer kind as <see cref="long"/> (uint64 above int64 range fails).</summary>
    public static bool TryGetInteger(object? value, out long result)
    {
        switch (value)
        {
            case long i:
                result = i;
                return true;
            case GoInt64 i:
                result = i.Value;
                return true;
            case ulong u when u <= long.MaxValue:
                result = (long)u;
                return true;
            case byte b:
                result = b;
                return true;
            default:
                result = 0;
                return false;
        }
    }

    /// <summary>True for the integer kinds (int, int64, uint64).</summary>
    public static bool IsInteger(object? value) => value is long or GoInt64 or ulong or byte;

    /// <summary>The zero value Go's <c>reflect.Zero</c> gives for a type (what <c>index</c> returns for a missing map key).</summary>
    public static object? Zero(GoType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        return type.Kind switch
        {
            GoKind.String => GoString.Empty,
            GoKind.Int => 0L,
            GoKind.Int64 => new GoInt64(0),
            GoKind.Uint64 => 0UL,
            GoKind.Uint8 => (byte)0,
            GoKind.Float64 => 0.0,
            GoKind.Bool => Box(false),
            GoKind.Slice => new GoList(type),
            GoKind.Map => null,
            _ => null,
        };
    }

    /// <summary>
    /// Converts CLR data to the model: <see cref="string"/> → UTF-8 <see cref="GoString"/>,
    /// <see cref="byte"/>[] → <see cref="GoString"/> (bytes kept), other integers → int,
    /// <see cref="float"/>/<see cref="decimal"/> → float64, string-keyed dictionaries → <see cref="GoMap"/>
    /// (<c>map[string]string</c> when every value is a string, else <c>map[string]interface {}</c>),
    /// other enumerables → <see cref="GoList"/>. Model values pass through unchanged.
    /// </summary>
    public static object? FromClr(object? value)
    {
        switch (value)
        {
            case null:
            case GoString:
            case long:
            case bool:
            case double:
            case GoInt64:
            case ulong:
            case byte:
            case GoComplex:
            case GoMap:
            case GoList:
            case GoFunction:
            case IGoObject:
                return value;
            case string s:
                return GoString.FromUtf8(s);
            case byte[] b:
                return GoString.FromBytes(b);
            case int or short or sbyte or ushort or uint:
                return Convert.ToInt64(value, CultureInfo.InvariantCulture);
            case float f:
                return (double)f;
            case decimal d:
                return (double)d;
            case IDictionary<string, string> strings:
                {
                    var map = new GoMap(GoType.MapOfStringToString, strings.Count);
                    foreach (var (k, v) in strings)
                    {
                        map[GoString.FromUtf8(k)] = v is null ? GoString.Empty : GoString.FromUtf8(v);
                    }

                    return map;
                }

            case IDictionary<string, byte[]> bytes:
                {
                    var map = new GoMap(GoType.MapOfStringToString, bytes.Count);
                    foreach (var (k, v) in bytes)
                    {
                        map[GoString.FromUtf8(k)] = GoString.FromBytes(v);
                    }

                    return map;
                }

            case IDictionary dictionary:
                {
                    var map = new GoMap(GoType.MapOfStringToAny, dictionary.Count);
                    foreach (DictionaryEntry e in dictionary)
                    {
                        var key = e.Key switch
                        {
                            string ks => GoString.FromUtf8(ks),
                            GoString gs => gs,
                            _ => throw new ArgumentException($"map key of type {e.Key.GetType().Name} is not supported; template maps have string keys", nameof(value)),
                        };
                        map[key] = FromClr(e.Value);
                    }

                    return map;
                }

            case IEnumerable enumerable:
                {
                    var list = new GoList();
                    foreach (var item in enumerable)
                    {
                        list.Add(FromClr(item));
                    }

                    return list;
                }

            default:
                throw new ArgumentException($"{value.GetType().Name} cannot be used as template data", nameof(value));
        }
    }
}
