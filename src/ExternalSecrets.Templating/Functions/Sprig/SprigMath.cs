using System.Globalization;
using System.Security.Cryptography;
using ExternalSecrets.Templating.Formatting;
using ExternalSecrets.Templating.Parsing;
using ExternalSecrets.Templating.Values;
using static ExternalSecrets.Templating.Functions.Sprig.Sig;

namespace ExternalSecrets.Templating.Functions.Sprig;

/// <summary>
/// sprig's numeric.go and the arithmetic of its function map: integer maths in int64 through
/// spf13/cast (anything unconvertible counts as 0), float maths through shopspring/decimal.
/// </summary>
internal static class SprigMath
{
    public static void Register(FuncMap m)
    {
        Fn(m, "atoi", I, [S], static (_, a) => Ok(GoNumber.TryParseInt(Str(a, 0).ToUtf8String(), 10, out var v) ? v : 0L));
        Fn(m, "int64", I64, [A], static (_, a) => Ok(new GoInt64(SprigValues.ToInt64(a[0]))));
        Fn(m, "int", I, [A], static (_, a) => Ok(SprigValues.ToInt64(a[0])));
        Fn(m, "float64", F, [A], static (_, a) => Ok(SprigValues.ToFloat64(a[0])));
        Fn(m, "toDecimal", I64, [A], static (_, a) =>
            Ok(new GoInt64(GoNumber.TryParseInt(GoFmt.Sprint(a[0]).ToUtf8String(), 8, out var v) ? v : 0)));

        Fn(m, "add1", I64, [A], static (_, a) => Ok(I64Of(unchecked(SprigValues.ToInt64(a[0]) + 1))));
        Var(m, "add", I64, [], A, static (_, a) =>
        {
            long sum = 0;
            foreach (var v in a)
            {
                sum = unchecked(sum + SprigValues.ToInt64(v));
            }

            return Ok(I64Of(sum));
        });
        Fn(m, "sub", I64, [A, A], static (_, a) => Ok(I64Of(unchecked(SprigValues.ToInt64(a[0]) - SprigValues.ToInt64(a[1])))));
        Fn(m, "div", I64, [A, A], static (_, a) => Ok(I64Of(Div(SprigValues.ToInt64(a[0]), SprigValues.ToInt64(a[1])))));
        Fn(m, "mod", I64, [A, A], static (_, a) => Ok(I64Of(Mod(SprigValues.ToInt64(a[0]), SprigValues.ToInt64(a[1])))));
        Var(m, "mul", I64, [A], A, static (_, a) =>
        {
            var val = SprigValues.ToInt64(a[0]);
            foreach (var v in a[1..])
            {
                val = unchecked(val * SprigValues.ToInt64(v));
            }

            return Ok(I64Of(val));
        });
        Fn(m, "randInt", I, [I, I], static (_, a) =>
        {
            var n = unchecked(Int(a, 1) - Int(a, 0));
            if (n <= 0)
            {
                throw new InvalidOperationException("invalid argument to Intn");
            }

            return Ok(RandomNumberGenerator.GetInt32(0, (int)Math.Min(n, int.MaxValue)) + Int(a, 0));
        });

        Fn(m, "add1f", F, [A], static (_, a) => Ok(DecimalOp(a[0], [1L], static (x, y) => x + y)));
        Var(m, "addf", F, [], A, static (_, a) => Ok(DecimalOp(0.0, a, static (x, y) => x + y)));
        Var(m, "subf", F, [A], A, static (_, a) => Ok(DecimalOp(a[0], a[1..], static (x, y) => x - y)));
        Var(m, "divf", F, [A], A, static (_, a) => Ok(DecimalOp(a[0], a[1..], Divide)));
        Var(m, "mulf", F, [A], A, static (_, a) => Ok(DecimalOp(a[0], a[1..], static (x, y) => x * y)));

        Var(m, "biggest", I64, [A], A, static (_, a) => Ok(I64Of(MinMax(a, max: true))));
        Var(m, "max", I64, [A], A, static (_, a) => Ok(I64Of(MinMax(a, max: true))));
        Var(m, "min", I64, [A], A, static (_, a) => Ok(I64Of(MinMax(a, max: false))));
        Var(m, "maxf", F, [A], A, static (_, a) =>
        {
            var r = SprigValues.ToFloat64(a[0]);
            foreach (var v in a[1..])
            {
                r = GoMax(r, SprigValues.ToFloat64(v));
            }

            return Ok(r);
        });
        Var(m, "minf", F, [A], A, static (_, a) =>
        {
            var r = SprigValues.ToFloat64(a[0]);
            foreach (var v in a[1..])
            {
                r = GoMin(r, SprigValues.ToFloat64(v));
            }

            return Ok(r);
        });
        Fn(m, "ceil", F, [A], static (_, a) => Ok(Math.Ceiling(SprigValues.ToFloat64(a[0]))));
        Fn(m, "floor", F, [A], static (_, a) => Ok(Math.Floor(SprigValues.ToFloat64(a[0]))));
        Var(m, "round", F, [A, I], F, static (_, a) => Ok(Round(SprigValues.ToFloat64(a[0]), Int(a, 1), a.Length > 2 ? (double)a[2]! : 0.5)));
    }

    private static GoInt64 I64Of(long v) => new(v);

    private static long Div(long a, long b)
    {
        if (b == 0)
        {
            throw new InvalidOperationException("runtime error: integer divide by zero");
        }

        return b == -1 ? unchecked(-a) : a / b;
    }

    private static long Mod(long a, long b)
    {
        if (b == 0)
        {
            throw new InvalidOperationException("runtime error: integer divide by zero");
        }

        return b == -1 ? 0 : a % b;
    }

    private static long MinMax(ReadOnlySpan<object?> a, bool max)
    {
        var r = SprigValues.ToInt64(a[0]);
        foreach (var v in a[1..])
        {
            var x = SprigValues.ToInt64(v);
            if (max ? x > r : x < r)
            {
                r = x;
            }
        }

        return r;
    }

    // Go's math.Max/Min: NaN wins, and +0 beats -0 for Max.
    private static double GoMax(double x, double y)
    {
        if (double.IsPositiveInfinity(x) || double.IsPositiveInfinity(y))
        {
            return double.PositiveInfinity;
        }

        if (double.IsNaN(x) || double.IsNaN(y))
        {
            return double.NaN;
        }

        if (x == 0 && x == y)
        {
            return double.IsNegative(x) ? y : x;
        }

        return x > y ? x : y;
    }

    private static double GoMin(double x, double y)
    {
        if (double.IsNegativeInfinity(x) || double.IsNegativeInfinity(y))
        {
            return double.NegativeInfinity;
        }

        if (double.IsNaN(x) || double.IsNaN(y))
        {
            return double.NaN;
        }

        if (x == 0 && x == y)
        {
            return double.IsNegative(x) ? x : y;
        }

        return x < y ? x : y;
    }

    private static double Round(double val, long places, double roundOn)
    {
        var pow = Math.Pow(10, places);
        var digit = pow * val;
        var div = digit - Math.Truncate(digit);
        var round = div >= roundOn ? Math.Ceiling(digit) : Math.Floor(digit);
        return round / pow;
    }

    /// <summary>
    /// shopspring/decimal: each operand enters as the shortest decimal that round-trips its float64
    /// (<c>NewFromFloat</c>), the operation is exact (division to 16 places), and the result is
    /// converted back to the nearest float64.
    /// </summary>
    private static double DecimalOp(object? first, ReadOnlySpan<object?> rest, Func<decimal, decimal, decimal> op)
    {
        var a = SprigValues.ToFloat64(first);
        if (!TryDecimal(a, out var acc))
        {
            return FloatFallback(a, rest, op);
        }

        foreach (var v in rest)
        {
            var f = SprigValues.ToFloat64(v);
            if (!TryDecimal(f, out var d))
            {
                throw new InvalidOperationException("Cannot create a Decimal from " + GoFloat.Format(f, 'g', -1));
            }

            try
            {
                acc = op(acc, d);
            }
            catch (OverflowException)
            {
                return FloatFallback(a, rest, op);
            }
        }

        return (double)acc;
    }

    // Beyond decimal's range (|x| > 7.9e28) fall back to float64 arithmetic.
    private static double FloatFallback(double a, ReadOnlySpan<object?> rest, Func<decimal, decimal, decimal> op)
    {
        var probe = op(6m, 3m);
        foreach (var v in rest)
        {
            var f = SprigValues.ToFloat64(v);
            a = probe switch
            {
                9m => a + f,
                3m => a - f,
                18m => a * f,
                _ => a / f,
            };
        }

        return a;
    }

    private static decimal Divide(decimal x, decimal y)
    {
        if (y == 0)
        {
            throw new InvalidOperationException("decimal division by 0");
        }

        return Math.Round(x / y, 16, MidpointRounding.AwayFromZero);
    }

    private static bool TryDecimal(double f, out decimal d)
    {
        d = 0;
        if (double.IsNaN(f) || double.IsInfinity(f))
        {
            throw new InvalidOperationException("Cannot create a Decimal from " + GoFloat.Format(f, 'g', -1));
        }

        return decimal.TryParse(f.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out d);
    }
}
