using System.Globalization;
using System.Text;
using ExternalSecrets.Templating.Functions;
using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating.Formatting;

internal sealed partial class GoPrinter
{
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
}
