using System.Globalization;
using System.Text;
using ExternalSecrets.Templating.Functions;
using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating.Formatting;

internal sealed partial class GoPrinter
{
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
            case byte b:
                FmtInteger(b, false, verb, value);
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
}
