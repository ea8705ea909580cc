using System.Buffers;
using System.Globalization;
using System.Text;
using ExternalSecrets.Templating.Functions;
using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating.Formatting;

/// <summary>
/// One <c>fmt</c> print operation (Go's <c>pp</c>/<c>fmt</c> pair): flags, width, precision and the
/// value printers, following <c>fmt</c>'s documented rules and error spellings
/// (<c>%!d(string=x)</c>, <c>%!d(MISSING)</c>, <c>%!(EXTRA …)</c>, <c>%!(NOVERB)</c>, <c>%!(BADWIDTH)</c>, <c>%!(BADPREC)</c>).
/// </summary>
internal sealed partial class GoPrinter
{
    private const string LowerDigits = "0123456789abcdefx";
    private const string UpperDigits = "0123456789ABCDEFX";

    private readonly GoStringBuilder _buf;
    private bool _plus, _minus, _sharp, _space, _zero, _plusV, _sharpV;
    private bool _widPresent, _precPresent;
    private int _wid, _prec;
    private bool _erroring;

    public GoPrinter(GoStringBuilder buf) => _buf = buf;

    public void Sprint(ReadOnlySpan<object?> args)
    {
        var prevString = false;
        for (var i = 0; i < args.Length; i++)
        {
            var isString = args[i] is GoString;
            if (i > 0 && !isString && !prevString)
            {
                _buf.Append((byte)' ');
            }

            PrintArg(args[i], 'v');
            prevString = isString;
        }
    }

    public void Sprintln(ReadOnlySpan<object?> args)
    {
        for (var i = 0; i < args.Length; i++)
        {
            if (i > 0)
            {
                _buf.Append((byte)' ');
            }

            PrintArg(args[i], 'v');
        }

        _buf.Append((byte)'\n');
    }

    public void Sprintf(ReadOnlySpan<byte> format, ReadOnlySpan<object?> args)
    {
        var argNum = 0;
        var afterIndex = false;
        var reordered = false;
        var i = 0;
        var end = format.Length;
        while (i < end)
        {
            var goodArgNum = true;
            var lasti = i;
            while (i < end && format[i] != '%')
            {
                i++;
            }

            if (i > lasti)
            {
                _buf.Append(format[lasti..i]);
            }

            if (i >= end)
            {
                break;
            }

            i++;
            ClearFlags();
            for (; i < end; i++)
            {
                var c = format[i];
                if (c == '#')
                {
                    _sharp = true;
                }
                else if (c == '0')
                {
                    _zero = !_minus;
                }
                else if (c == '+')
                {
                    _plus = true;
                }
                else if (c == '-')
                {
                    _minus = true;
                    _zero = false;
                }
                else if (c == ' ')
                {
                    _space = true;
                }
                else
                {
                    break;
                }
            }

            // Argument index, then width.
            ArgNumber(format, ref i, ref argNum, ref afterIndex, ref goodArgNum, ref reordered, args.Length);
            if (i < end && format[i] == '*')
            {
                i++;
                _widPresent = IntFromArg(args, ref argNum, out _wid);
                if (!_widPresent)
                {
                    _buf.Append("%!(BADWIDTH)"u8);
                }

                if (_wid < 0)
                {
                    _wid = -_wid;
                    _minus = true;
                    _zero = false;
                }

                afterIndex = false;
            }
            else
            {
                _widPresent = ParseNum(format, ref i, out _wid);
                if (afterIndex && _widPresent)
                {
                    goodArgNum = false;
                }
            }

            // Precision: a '.' that is the last byte is the verb, not a precision.
            if (i + 1 < end && format[i] == '.')
            {
                i++;
                if (afterIndex)
                {
                    goodArgNum = false;
                }

                ArgNumber(format, ref i, ref argNum, ref afterIndex, ref goodArgNum, ref reordered, args.Length);
                if (i < end && format[i] == '*')
                {
                    i++;
                    _precPresent = IntFromArg(args, ref argNum, out _prec);
                    if (_prec < 0)
                    {
                        _prec = 0;
                        _precPresent = false;
                    }

                    if (!_precPresent)
                    {
                        _buf.Append("%!(BADPREC)"u8);
                    }

                    afterIndex = false;
                }
                else
                {
                    ParseNum(format, ref i, out _prec);
                    _precPresent = true;
                }
            }

            if (!afterIndex)
            {
                ArgNumber(format, ref i, ref argNum, ref afterIndex, ref goodArgNum, ref reordered, args.Length);
            }

            if (i >= end)
            {
                _buf.Append("%!(NOVERB)"u8);
                break;
            }

            int verb;
            if (format[i] < 0x80)
            {
                verb = format[i];
                i++;
            }
            else
            {
                Rune.DecodeFromUtf8(format[i..], out var r, out var n);
                verb = r.Value;
                i += Math.Max(n, 1);
            }

            if (verb == '%')
            {
                _buf.Append((byte)'%');
                continue;
            }

            if (!goodArgNum)
            {
                _buf.Append("%!"u8).AppendRune(verb).Append("(BADINDEX)"u8);
                continue;
            }

            if (argNum >= args.Length)
            {
                _buf.Append("%!"u8).AppendRune(verb).Append("(MISSING)"u8);
                continue;
            }

            if (verb == 'v')
            {
                _sharpV = _sharp;
                _sharp = false;
                _plusV = _plus;
                _plus = false;
            }

            PrintArg(args[argNum], verb);
            argNum++;
            afterIndex = false;
        }

        if (!reordered && argNum < args.Length)
        {
            ClearFlags();
            _buf.Append("%!(EXTRA "u8);
            for (var k = argNum; k < args.Length; k++)
            {
                if (k > argNum)
                {
                    _buf.Append(", "u8);
                }

                if (args[k] is null)
                {
                    _buf.Append("<nil>"u8);
                }
                else
                {
                    _buf.AppendUtf8(GoValues.TypeName(args[k]));
                    _buf.Append((byte)'=');
                    PrintArg(args[k], 'v');
                }
            }

            _buf.Append((byte)')');
        }
    }

    /// <summary>Go's explicit argument index <c>[n]</c> (1-based) before a width, precision or verb.</summary>
    private static void ArgNumber(ReadOnlySpan<byte> format, ref int i, ref int argNum, ref bool afterIndex, ref bool goodArgNum, ref bool reordered, int numArgs)
    {
        afterIndex = false;
        if (i >= format.Length || format[i] != '[')
        {
            return;
        }

        reordered = true;
        var rest = format[i..];
        var ok = false;
        var index = 0;
        var width = 1;
        if (rest.Length >= 3)
        {
            for (var k = 1; k < rest.Length; k++)
            {
                if (rest[k] == ']')
                {
                    var pos = 1;
                    var parsed = ParseNum(rest[..k], ref pos, out var n);
                    ok = parsed && pos == k;
                    index = n - 1;
                    width = k + 1;
                    break;
                }
            }
        }

        if (ok && index >= 0 && index < numArgs)
        {
            argNum = index;
            i += width;
            afterIndex = true;
            return;
        }

        goodArgNum = false;
        i += width;
        afterIndex = ok;
    }

    private void Pad(ReadOnlySpan<byte> b)
    {
        if (!_widPresent || _wid == 0)
        {
            _buf.Append(b);
            return;
        }

        var width = _wid - RuneCount(b);
        if (!_minus)
        {
            WritePadding(width);
            _buf.Append(b);
        }
        else
        {
            _buf.Append(b);
            WritePadding(width);
        }
    }

    private void WritePadding(int n)
    {
        var c = _zero ? (byte)'0' : (byte)' ';
        for (var i = 0; i < n; i++)
        {
            _buf.Append(c);
        }
    }

    private void ClearFlags()
    {
        _plus = _minus = _sharp = _space = _zero = _plusV = _sharpV = false;
        _widPresent = _precPresent = false;
        _wid = _prec = 0;
    }

    private static bool ParseNum(ReadOnlySpan<byte> s, ref int i, out int num)
    {
        num = 0;
        var start = i;
        while (i < s.Length && s[i] >= '0' && s[i] <= '9')
        {
            if (num > 1_000_000)
            {
                num = 0;
                return false;
            }

            num = (num * 10) + (s[i] - '0');
            i++;
        }

        return i > start;
    }

    private static bool IntFromArg(ReadOnlySpan<object?> args, ref int argNum, out int num)
    {
        num = 0;
        if (argNum >= args.Length)
        {
            return false;
        }

        var ok = GoValues.TryGetInteger(args[argNum], out var n) && n is >= -1_000_000 and <= 1_000_000;
        if (ok)
        {
            num = (int)n;
        }

        argNum++;
        return ok;
    }

    private static int RuneLength(ReadOnlySpan<byte> s)
    {
        if (s[0] < 0x80)
        {
            return 1;
        }

        return Rune.DecodeFromUtf8(s, out _, out var n) == OperationStatus.Done ? n : 1;
    }

    private static int RuneCount(ReadOnlySpan<byte> s)
    {
        var count = 0;
        var i = 0;
        while (i < s.Length)
        {
            i += RuneLength(s[i..]);
            count++;
        }

        return count;
    }
}
