using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating.Formatting;

/// <summary>
/// Go's <c>fmt.Sprint</c>, <c>Sprintln</c> and <c>Sprintf</c> over template values. Templates print
/// every action result with these rules (floats in shortest <c>%g</c> form, maps as
/// <c>map[k:v]</c> with sorted keys, slices as <c>[a b]</c>), and sprig functions format through them.
/// </summary>
public static class GoFmt
{
    [ThreadStatic]
    private static GoStringBuilder? t_scratch;

    /// <summary><c>fmt.Sprint</c>: spaces between operands when neither side is a string.</summary>
    public static GoString Sprint(params ReadOnlySpan<object?> args)
    {
        if (args.Length == 1 && args[0] is GoString s)
        {
            return s;
        }

        var sb = Rent();
        try
        {
            new GoPrinter(sb).Sprint(args);
            return sb.ToGoString();
        }
        finally
        {
            Return(sb);
        }
    }

    /// <summary><c>fmt.Sprintln</c>: spaces between all operands and a trailing newline.</summary>
    public static GoString Sprintln(params ReadOnlySpan<object?> args)
    {
        var sb = Rent();
        try
        {
            new GoPrinter(sb).Sprintln(args);
            return sb.ToGoString();
        }
        finally
        {
            Return(sb);
        }
    }

    /// <summary><c>fmt.Sprintf</c> with Go's verbs, flags, width and precision (including <c>*</c> and <c>[n]</c>).</summary>
    public static GoString Sprintf(GoString format, params ReadOnlySpan<object?> args)
    {
        ArgumentNullException.ThrowIfNull(format);
        var sb = Rent();
        try
        {
            new GoPrinter(sb).Sprintf(format.Span, args);
            return sb.ToGoString();
        }
        finally
        {
            Return(sb);
        }
    }

    /// <summary>A per-thread scratch buffer (a fresh one when nested, e.g. a String() method that formats).</summary>
    private static GoStringBuilder Rent()
    {
        var sb = t_scratch ?? new GoStringBuilder(256);
        t_scratch = null;
        return sb;
    }

    private static void Return(GoStringBuilder sb)
    {
        // Formatted values can be secrets: do not leave them in the pooled buffer.
        sb.ClearWritten();
        if (sb.Capacity <= 16 * 1024)
        {
            t_scratch = sb;
        }
    }

    /// <summary>Appends <c>fmt.Sprint(args…)</c> to <paramref name="output"/>.</summary>
    public static void AppendSprint(GoStringBuilder output, params ReadOnlySpan<object?> args)
    {
        ArgumentNullException.ThrowIfNull(output);
        new GoPrinter(output).Sprint(args);
    }

    /// <summary>Appends <c>fmt.Sprintf(format, args…)</c> to <paramref name="output"/>.</summary>
    public static void AppendSprintf(GoStringBuilder output, ReadOnlySpan<byte> format, params ReadOnlySpan<object?> args)
    {
        ArgumentNullException.ThrowIfNull(output);
        new GoPrinter(output).Sprintf(format, args);
    }

    /// <summary>Appends one value as <c>%v</c> prints it.</summary>
    public static void AppendValue(GoStringBuilder output, object? value)
    {
        ArgumentNullException.ThrowIfNull(output);
        switch (value)
        {
            case GoString s:
                output.Append(s);
                return;
            case long l:
                {
                    var span = output.GetSpan(20);
                    l.TryFormat(span, out var n, default, System.Globalization.CultureInfo.InvariantCulture);
                    output.Advance(n);
                    return;
                }

            default:
                new GoPrinter(output).PrintArg(value, 'v');
                return;
        }
    }
}
