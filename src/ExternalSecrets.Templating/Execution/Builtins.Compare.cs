using ExternalSecrets.Templating.Formatting;
using ExternalSecrets.Templating.Functions;
using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating.Execution;

internal static partial class Builtins
{
    private const string BadComparisonType = "invalid type for comparison";
    private const string BadComparison = "incompatible types for comparison";
    private const string NoComparison = "missing argument for comparison";

    private enum BasicKind
    {
        Invalid,
        Bool,
        Int,
        Float,
        String,
        Uint,
        Complex,
    }

    private static BasicKind KindOf(object? v) => v switch
    {
        bool => BasicKind.Bool,
        long or GoInt64 => BasicKind.Int,
        ulong or byte => BasicKind.Uint,
        double => BasicKind.Float,
        GoComplex => BasicKind.Complex,
        GoString => BasicKind.String,
        _ => BasicKind.Invalid,
    };

    private static long IntOf(object? v) => v is GoInt64 i ? i.Value : (long)v!;

    private static ulong UintOf(object? v) => v is byte b ? b : (ulong)v!;

    private static GoKind ReflectKind(object? v) => IsInvalid(v) ? GoKind.Invalid : GoValues.TypeOf(v)!.Kind;

    private static bool Comparable(object v) => v is not (GoMap or GoList or GoFunction);

    /// <summary>Go's <c>eq</c>: true if the first argument equals any of the others; integers compare by value across sizes and signedness.</summary>
    private static GoResult Eq(object? arg1, ReadOnlySpan<object?> rest)
    {
        if (arg1 is Sentinel)
        {
            arg1 = null;
        }

        if (rest.Length == 0)
        {
            return GoResult.Fail(NoComparison);
        }

        var k1 = KindOf(arg1);
        foreach (var raw in rest)
        {
            var arg = raw is Sentinel ? null : raw;
            var k2 = KindOf(arg);
            bool truth;
            if (k1 != k2)
            {
                if (k1 == BasicKind.Int && k2 == BasicKind.Uint)
                {
                    truth = IntOf(arg1) >= 0 && (ulong)IntOf(arg1) == UintOf(arg);
                }
                else if (k1 == BasicKind.Uint && k2 == BasicKind.Int)
                {
                    truth = IntOf(arg) >= 0 && UintOf(arg1) == (ulong)IntOf(arg);
                }
                else
                {
                    if (arg1 is not null && arg is not null)
                    {
                        return GoResult.Fail(BadComparison);
                    }

                    truth = false;
                }
            }
            else
            {
                switch (k1)
                {
                    case BasicKind.Bool:
                        truth = (bool)arg1! == (bool)arg!;
                        break;
                    case BasicKind.Float:
                        truth = (double)arg1! == (double)arg!;
                        break;
                    case BasicKind.Complex:
                        truth = ((GoComplex)arg1!).Equals((GoComplex)arg!);
                        break;
                    case BasicKind.Int:
                        truth = IntOf(arg1) == IntOf(arg);
                        break;
                    case BasicKind.String:
                        truth = ((GoString)arg1!).Equals((GoString)arg!);
                        break;
                    case BasicKind.Uint:
                        truth = UintOf(arg1) == UintOf(arg);
                        break;
                    default:
                        {
                            var rk1 = ReflectKind(arg1);
                            var rk2 = ReflectKind(arg);
                            if (rk1 != rk2 && rk1 != GoKind.Invalid && rk2 != GoKind.Invalid)
                            {
                                return GoResult.Fail(GoFmt.Sprintf("non-comparable types %s: %v, %s: %v", arg1, GoString.FromUtf8(GoValues.TypeName(arg1)), GoString.FromUtf8(GoValues.TypeName(arg)), arg).ToUtf8String());
                            }

                            if (arg1 is null || arg is null)
                            {
                                truth = (arg1 is null) == (arg is null);
                            }
                            else
                            {
                                if (!Comparable(arg))
                                {
                                    return GoResult.Fail(GoFmt.Sprintf("non-comparable type %s: %v", arg, GoString.FromUtf8(GoValues.TypeName(arg))).ToUtf8String());
                                }

                                truth = arg1.Equals(arg);
                            }

                            break;
                        }
                }
            }

            if (truth)
            {
                return GoResult.Ok(GoValues.Box(true));
            }
        }

        return GoResult.Ok(GoValues.Box(false));
    }

    private static GoResult Lt(object? arg1, object? arg2)
    {
        arg1 = arg1 is Sentinel ? null : arg1;
        arg2 = arg2 is Sentinel ? null : arg2;
        var k1 = KindOf(arg1);
        if (k1 == BasicKind.Invalid)
        {
            return GoResult.Fail(BadComparisonType);
        }

        var k2 = KindOf(arg2);
        if (k2 == BasicKind.Invalid)
        {
            return GoResult.Fail(BadComparisonType);
        }

        bool truth;
        if (k1 != k2)
        {
            if (k1 == BasicKind.Int && k2 == BasicKind.Uint)
            {
                truth = IntOf(arg1) < 0 || (ulong)IntOf(arg1) < UintOf(arg2);
            }
            else if (k1 == BasicKind.Uint && k2 == BasicKind.Int)
            {
                truth = IntOf(arg2) >= 0 && UintOf(arg1) < (ulong)IntOf(arg2);
            }
            else
            {
                return GoResult.Fail(BadComparison);
            }
        }
        else
        {
            switch (k1)
            {
                case BasicKind.Bool or BasicKind.Complex:
                    return GoResult.Fail(BadComparisonType);
                case BasicKind.Float:
                    truth = (double)arg1! < (double)arg2!;
                    break;
                case BasicKind.Int:
                    truth = IntOf(arg1) < IntOf(arg2);
                    break;
                case BasicKind.String:
                    truth = GoString.Compare((GoString)arg1!, (GoString)arg2!) < 0;
                    break;
                default:
                    truth = UintOf(arg1) < UintOf(arg2);
                    break;
            }
        }

        return GoResult.Ok(GoValues.Box(truth));
    }

    private static GoResult Le(object? arg1, object? arg2)
    {
        var lt = Lt(arg1, arg2);
        if (lt.IsError || (bool)lt.Value!)
        {
            return lt;
        }

        return Eq(arg1, [arg2]);
    }
}
