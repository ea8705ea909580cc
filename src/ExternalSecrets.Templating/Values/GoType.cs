using System.Collections.Concurrent;

namespace ExternalSecrets.Templating.Values;

/// <summary>
/// A Go type as far as templates can observe it: its kind (truthiness, comparison, printing), its
/// name (<c>printf "%T"</c>, sprig's <c>typeOf</c>) and, for slices and maps, the element type
/// (the zero value <c>index</c> returns for a missing map key, and what a function parameter accepts).
/// Instances are interned, so reference equality is type identity.
/// </summary>
public sealed class GoType
{
    private static readonly ConcurrentDictionary<string, GoType> Interned = new(StringComparer.Ordinal);

    public static readonly GoType Bool = Intern(GoKind.Bool, "bool");
    public static readonly GoType Int = Intern(GoKind.Int, "int");
    public static readonly GoType Int64 = Intern(GoKind.Int64, "int64");
    public static readonly GoType Uint64 = Intern(GoKind.Uint64, "uint64");

    /// <summary>Go's <c>uint8</c> (<c>byte</c>): what indexing a string yields.</summary>
    public static readonly GoType Uint8 = Intern(GoKind.Uint8, "uint8");
    public static readonly GoType Float64 = Intern(GoKind.Float64, "float64");
    public static readonly GoType String = Intern(GoKind.String, "string");
    public static readonly GoType Complex128 = Intern(GoKind.Complex128, "complex128");

    /// <summary>Go's empty interface <c>interface{}</c> / <c>any</c>: accepts every value.</summary>
    public static readonly GoType Any = Intern(GoKind.Interface, "interface {}");

    /// <summary>Go's <c>[]interface {}</c>: sprig's <c>list</c>, JSON arrays.</summary>
    public static readonly GoType SliceOfAny = SliceOf(Any);

    /// <summary>Go's <c>[]string</c>: sprig's <c>splitList</c>, <c>keys</c>, <c>toStrings</c>.</summary>
    public static readonly GoType SliceOfString = SliceOf(String);

    /// <summary>Go's <c>[]int</c>: sprig's <c>until</c>.</summary>
    public static readonly GoType SliceOfInt = SliceOf(Int);

    /// <summary>Go's <c>map[string]interface {}</c>: sprig's <c>dict</c>, JSON objects.</summary>
    public static readonly GoType MapOfStringToAny = MapOf(String, Any);

    /// <summary>Go's <c>map[string]string</c>: ESO's template data.</summary>
    public static readonly GoType MapOfStringToString = MapOf(String, String);

    private GoType(GoKind kind, string name, GoType? key, GoType? elem)
    {
        Kind = kind;
        Name = name;
        Key = key;
        Elem = elem;
    }

    public GoKind Kind { get; }

    /// <summary>Go's spelling of the type, as <c>%T</c> prints it.</summary>
    public string Name { get; }

    /// <summary>Key type of a map; null otherwise.</summary>
    public GoType? Key { get; }

    /// <summary>Element type of a slice or map (pointee of a pointer); null otherwise.</summary>
    public GoType? Elem { get; }

    public static GoType SliceOf(GoType elem)
    {
        ArgumentNullException.ThrowIfNull(elem);
        return Interned.GetOrAdd("[]" + elem.Name, static (name, e) => new GoType(GoKind.Slice, name, null, e), elem);
    }

    public static GoType MapOf(GoType key, GoType elem)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(elem);
        return Interned.GetOrAdd(
            "map[" + key.Name + "]" + elem.Name,
            static (name, ke) => new GoType(GoKind.Map, name, ke.key, ke.elem),
            (key, elem));
    }

    public static GoType PointerTo(GoType elem)
    {
        ArgumentNullException.ThrowIfNull(elem);
        return Interned.GetOrAdd("*" + elem.Name, static (name, e) => new GoType(GoKind.Pointer, name, null, e), elem);
    }

    /// <summary>A named type such as <c>time.Time</c> (kind Struct) or <c>*semver.Version</c>.</summary>
    public static GoType Named(GoKind kind, string name) => Intern(kind, name);

    public override string ToString() => Name;

    private static GoType Intern(GoKind kind, string name) =>
        Interned.GetOrAdd(name, static (n, k) => new GoType(k, n, null, null), kind);
}
