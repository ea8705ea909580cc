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
internal sealed class GoPrinter
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

    public void PrintArg(object? arg, int verb)
    {
        if (arg is null)
        {
            if (verb is 'T' or 'v')
            {
                Pad("<nil>"u8);
            }
            else
            {
                BadVerb(verb, arg);
            }

            return;
        }

        if (verb == 'T')
        {
            FmtS(Encoding.UTF8.GetBytes(GoValues.TypeName(arg)));
            return;
        }

        PrintValue(arg, verb, 0);
    }

    private void PrintValue(object? value, int verb, int depth)
    {
        switch (value)
        {
            case null:
                if (_sharpV)
                {
                    _buf.Append("interface {}(nil)"u8);
                }
                else
                {
                    Pad("<nil>"u8);
                }

                return;
            case bool b:
                if (verb is 't' or 'v')
                {
                    Pad(b ? "true"u8 : "false"u8);
                }
                else
                {
                    BadVerb(verb, value);
                }

                return;
            case long l:
                FmtInteger(unchecked((ulong)l), true, verb, value);
                return;
            case GoInt64 l:
                FmtInteger(unchecked((ulong)l.Value), true, verb, value);
                return;
            case ulong u:
                FmtInteger(u, false, verb, value);
                return;
            case double d:
                FmtFloat(d, verb, value);
                return;
            case GoComplex c:
                FmtComplex(c, verb, value);
                return;
            case GoString s:
                FmtString(s.Span, verb, value);
                return;
            case GoMap m:
                PrintMap(m, verb, depth);
                return;
            case GoList list:
                PrintList(list, verb, depth);
                return;
            case IGoObject o:
                if (!_erroring && verb is 'v' or 's' or 'x' or 'X' or 'q')
                {
                    FmtString(o.Format().Span, verb, value);
                }
                else
                {
                    BadVerb(verb, value);
                }

                return;
            case GoFunction:
                if (verb is 'v' or 'p')
                {
                    Pad("0x0"u8);
                }
                else
                {
                    BadVerb(verb, value);
                }

                return;
            default:
                FmtString(Encoding.UTF8.GetBytes(value.ToString() ?? string.Empty), verb, value);
                return;
        }
    }

    private void PrintMap(GoMap m, int verb, int depth)
    {
        if (_sharpV)
        {
            _buf.AppendUtf8(m.Type.Name).Append((byte)'{');
        }
        else
        {
            _buf.Append("map["u8);
        }

        var first = true;
        foreach (var key in m.SortedKeys())
        {
            if (!first)
            {
                _buf.Append(_sharpV ? ", "u8 : " "u8);
            }

            first = false;
            PrintValue(key, verb, depth + 1);
            _buf.Append((byte)':');
            PrintValue(m[key], verb, depth + 1);
        }

        _buf.Append(_sharpV ? (byte)'}' : (byte)']');
    }

    private void PrintList(GoList list, int verb, int depth)
    {
        if (_sharpV)
        {
            _buf.AppendUtf8(list.Type.Name).Append((byte)'{');
            for (var i = 0; i < list.Count; i++)
            {
                if (i > 0)
                {
                    _buf.Append(", "u8);
                }

                PrintValue(list[i], verb, depth + 1);
            }

            _buf.Append((byte)'}');
            return;
        }

        _buf.Append((byte)'[');
        for (var i = 0; i < list.Count; i++)
        {
            if (i > 0)
            {
                _buf.Append((byte)' ');
            }

            PrintValue(list[i], verb, depth + 1);
        }

        _buf.Append((byte)']');
    }

    private void BadVerb(int verb, object? arg)
    {
        _erroring = true;
        _buf.Append("%!"u8).AppendRune(verb).Append((byte)'(');
        if (arg is not null)
        {
            _buf.AppendUtf8(GoValues.TypeName(arg)).Append((byte)'=');
            PrintArg(arg, 'v');
        }
        else
        {
            _buf.Append("<nil>"u8);
        }

        _buf.Append((byte)')');
        _erroring = false;
    }

    private void FmtString(ReadOnlySpan<byte> s, int verb, object? arg)
    {
        switch (verb)
        {
            case 'v':
                if (_sharpV)
                {
                    FmtQ(s);
                }
                else
                {
                    FmtS(s);
                }

                return;
            case 's':
                FmtS(s);
                return;
            case 'x':
                FmtSx(s, LowerDigits);
                return;
            case 'X':
                FmtSx(s, UpperDigits);
                return;
            case 'q':
                FmtQ(s);
                return;
            default:
                BadVerb(verb, arg);
                return;
        }
    }

    private void FmtS(ReadOnlySpan<byte> s)
    {
        Pad(TruncateRunes(s));
    }

    private ReadOnlySpan<byte> TruncateRunes(ReadOnlySpan<byte> s)
    {
        if (!_precPresent)
        {
            return s;
        }

        var n = _prec;
        var i = 0;
        while (i < s.Length)
        {
            if (n == 0)
            {
                return s[..i];
            }

            n--;
            i += RuneLength(s[i..]);
        }

        return s;
    }

    private void FmtSx(ReadOnlySpan<byte> s, string digits)
    {
        var length = s.Length;
        if (_precPresent && _prec < length)
        {
            length = _prec;
        }

        var tmp = new GoStringBuilder(length * 4 + 2);
        for (var i = 0; i < length; i++)
        {
            if (_space && i > 0)
            {
                tmp.Append((byte)' ');
            }

            if (_sharp && (_space || i == 0))
            {
                tmp.Append((byte)'0').Append((byte)digits[16]);
            }

            tmp.Append((byte)digits[s[i] >> 4]).Append((byte)digits[s[i] & 0xF]);
        }

        Pad(tmp.WrittenSpan);
    }

    private void FmtQ(ReadOnlySpan<byte> s)
    {
        s = TruncateRunes(s);
        var tmp = new GoStringBuilder(s.Length + 2);
        if (_sharp && GoQuote.CanBackquote(s))
        {
            tmp.Append((byte)'`').Append(s).Append((byte)'`');
        }
        else
        {
            GoQuote.AppendQuoted(tmp, s, '"', _plus);
        }

        Pad(tmp.WrittenSpan);
    }

    private void FmtInteger(ulong v, bool isSigned, int verb, object arg)
    {
        switch (verb)
        {
            case 'v':
                if (_sharpV && !isSigned)
                {
                    var saved = _sharp;
                    _sharp = true;
                    FmtIntegerBase(v, 16, false, verb, LowerDigits);
                    _sharp = saved;
                }
                else
                {
                    FmtIntegerBase(v, 10, isSigned, verb, LowerDigits);
                }

                return;
            case 'd':
                FmtIntegerBase(v, 10, isSigned, verb, LowerDigits);
                return;
            case 'b':
                FmtIntegerBase(v, 2, isSigned, verb, LowerDigits);
                return;
            case 'o' or 'O':
                FmtIntegerBase(v, 8, isSigned, verb, LowerDigits);
                return;
            case 'x':
                FmtIntegerBase(v, 16, isSigned, verb, LowerDigits);
                return;
            case 'X':
                FmtIntegerBase(v, 16, isSigned, verb, UpperDigits);
                return;
            case 'c':
                {
                    var tmp = new GoStringBuilder(4);
                    tmp.AppendRune(v > 0x10FFFF ? 0xFFFD : (int)v);
                    Pad(tmp.WrittenSpan);
                    return;
                }

            case 'q':
                Pad(GoQuote.QuoteRune(v > 0x10FFFF ? 0xFFFD : (long)v, _plus).Span);
                return;
            case 'U':
                {
                    var digits = _precPresent && _prec > 4 ? _prec : 4;
                    var text = "U+" + v.ToString("X" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
                    var tmp = new GoStringBuilder(16);
                    tmp.AppendUtf8(text);
                    if (_sharp && v <= 0x10FFFF && GoQuote.IsPrint((int)v))
                    {
                        tmp.Append(" '"u8).AppendRune((int)v).Append((byte)'\'');
                    }

                    var saved = _zero;
                    _zero = false;
                    Pad(tmp.WrittenSpan);
                    _zero = saved;
                    return;
                }

            default:
                BadVerb(verb, arg);
                return;
        }
    }

    private void FmtIntegerBase(ulong u, int @base, bool isSigned, int verb, string digits)
    {
        var negative = isSigned && (long)u < 0;
        if (negative)
        {
            u = unchecked(0 - u);
        }

        var prec = 0;
        if (_precPresent)
        {
            prec = _prec;
            if (prec == 0 && u == 0)
            {
                var savedZero = _zero;
                _zero = false;
                WritePadding(_wid);
                _zero = savedZero;
                return;
            }
        }
        else if (_zero && _widPresent)
        {
            prec = _wid;
            if (negative || _plus || _space)
            {
                prec--;
            }
        }

        Span<byte> buf = stackalloc byte[68 + Math.Max(prec, 0)];
        var i = buf.Length;
        do
        {
            i--;
            buf[i] = (byte)digits[(int)(u % (ulong)@base)];
            u /= (ulong)@base;
        }
        while (u > 0);

        while (i > 0 && prec > buf.Length - i)
        {
            i--;
            buf[i] = (byte)'0';
        }

        if (_sharp)
        {
            switch (@base)
            {
                case 2:
                    buf[--i] = (byte)'b';
                    buf[--i] = (byte)'0';
                    break;
                case 8:
                    if (buf[i] != '0')
                    {
                        buf[--i] = (byte)'0';
                    }

                    break;
                case 16:
                    buf[--i] = (byte)digits[16];
                    buf[--i] = (byte)'0';
                    break;
            }
        }

        if (verb == 'O')
        {
            buf[--i] = (byte)'o';
            buf[--i] = (byte)'0';
        }

        if (negative)
        {
            buf[--i] = (byte)'-';
        }
        else if (_plus)
        {
            buf[--i] = (byte)'+';
        }
        else if (_space)
        {
            buf[--i] = (byte)' ';
        }

        var oldZero = _zero;
        _zero = false;
        Pad(buf[i..]);
        _zero = oldZero;
    }

    private void FmtFloat(double v, int verb, object arg)
    {
        char format;
        var prec = -1;
        switch (verb)
        {
            case 'v':
                format = 'g';
                break;
            case 'g' or 'G' or 'b' or 'x' or 'X':
                format = (char)verb;
                break;
            case 'e' or 'E' or 'f' or 'F':
                format = (char)verb;
                prec = 6;
                break;
            default:
                BadVerb(verb, arg);
                return;
        }

        if (_precPresent)
        {
            prec = _prec;
        }

        var sb = new StringBuilder(24);
        sb.Append('+');
        GoFloat.Append(sb, v, format, prec);
        if (sb[1] is '-' or '+')
        {
            sb.Remove(0, 1);
        }

        if (_space && sb[0] == '+' && !_plus)
        {
            sb[0] = ' ';
        }

        if (sb.Length > 1 && sb[1] is 'I' or 'N')
        {
            var oldZero = _zero;
            _zero = false;
            if (sb[1] == 'N' && !_space && !_plus)
            {
                sb.Remove(0, 1);
            }

            Pad(Encoding.ASCII.GetBytes(sb.ToString()));
            _zero = oldZero;
            return;
        }

        if (_sharp && format is not 'b')
        {
            ApplySharpFloat(sb, format, prec);
        }

        var num = Encoding.ASCII.GetBytes(sb.ToString());
        if (_plus || num[0] != '+')
        {
            if (_zero && _widPresent && _wid > num.Length)
            {
                _buf.Append(num[0]);
                WritePadding(_wid - num.Length);
                _buf.Append(num.AsSpan(1));
                return;
            }

            Pad(num);
            return;
        }

        Pad(num.AsSpan(1));
    }

    private void FmtComplex(GoComplex c, int verb, object arg)
    {
        if (verb is not ('v' or 'b' or 'g' or 'G' or 'x' or 'X' or 'f' or 'F' or 'e' or 'E'))
        {
            BadVerb(verb, arg);
            return;
        }

        var oldPlus = _plus;
        _buf.Append((byte)'(');
        FmtFloat(c.Real, verb, arg);
        _plus = true;
        FmtFloat(c.Imaginary, verb, arg);
        _buf.Append("i)"u8);
        _plus = oldPlus;
    }

    /// <summary>Go's '#' flag on floats: always a decimal point; %g keeps trailing zeros up to the precision.</summary>
    private static void ApplySharpFloat(StringBuilder sb, char format, int prec)
    {
        var digits = 0;
        if (format is 'g' or 'G')
        {
            digits = prec;
            if (digits == -1)
            {
                digits = 6;
            }
        }

        var text = sb.ToString();
        var expIndex = text.IndexOfAny(['e', 'E'], 1);
        var tail = expIndex >= 0 ? text[expIndex..] : string.Empty;
        var body = expIndex >= 0 ? text[..expIndex] : text;
        var sawNonzero = false;
        var hasDot = false;
        for (var i = 1; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '.')
            {
                hasDot = true;
            }
            else if (c is >= '1' and <= '9')
            {
                sawNonzero = true;
                digits--;
            }
            else if (c == '0' && sawNonzero)
            {
                digits--;
            }
        }

        if (!hasDot)
        {
            if (body.Length == 2 && body[1] == '0')
            {
                digits--;
            }

            body += ".";
        }

        if (format is 'g' or 'G')
        {
            while (digits > 0)
            {
                body += "0";
                digits--;
            }
        }

        sb.Clear().Append(body).Append(tail);
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
