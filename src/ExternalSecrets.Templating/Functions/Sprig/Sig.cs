using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating.Functions.Sprig;

/// <summary>Short names for the Go parameter types of sprig's signatures (the engine checks arguments against them).</summary>
internal static class Sig
{
    public static readonly GoType S = GoType.String;
    public static readonly GoType I = GoType.Int;
    public static readonly GoType I64 = GoType.Int64;
    public static readonly GoType F = GoType.Float64;
    public static readonly GoType B = GoType.Bool;
    public static readonly GoType A = GoType.Any;
    public static readonly GoType LS = GoType.SliceOfString;
    public static readonly GoType LA = GoType.SliceOfAny;
    public static readonly GoType LI = GoType.SliceOfInt;
    public static readonly GoType MSA = GoType.MapOfStringToAny;
    public static readonly GoType MSS = GoType.MapOfStringToString;

    /// <summary>Go's <c>uint32</c> (sprig's <c>derivePassword</c> counter).</summary>
    public static readonly GoType U32 = GoType.Named(GoKind.Uint64, "uint32");

    /// <summary>Go's <c>time.Time</c>.</summary>
    public static readonly GoType Time = GoType.Named(GoKind.Struct, "time.Time");

    public static void Fn(FuncMap map, string name, GoType result, GoType[] parameters, GoFunc body, bool returnsError = false) =>
        map.Add(GoFunction.Fixed(name, result, parameters, body, returnsError));

    public static void Var(FuncMap map, string name, GoType result, GoType[] parameters, GoType variadic, GoFunc body, bool returnsError = false) =>
        map.Add(GoFunction.WithVariadic(name, result, parameters, variadic, body, returnsError));

    public static GoResult Ok(object? value) => GoResult.Ok(value);

    public static GoResult Ok(bool value) => GoResult.Ok(GoValues.Box(value));

    public static GoString Str(in ReadOnlySpan<object?> args, int i) => (GoString)args[i]!;

    public static long Int(in ReadOnlySpan<object?> args, int i) => (long)args[i]!;
}
