using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating.Functions.Sprig;

/// <summary>
/// The word-splitting case conversions of huandu/xstrings 1.3 that sprig exposes as
/// <c>camelcase</c>, <c>snakecase</c> and <c>kebabcase</c>. The rules (upper-case runs, digits
/// glued to the previous word, punctuation kept) are reproduced on Go's byte strings.
/// </summary>
internal static class XStrings
{
    private enum WordType
    {
        Invalid,
        Number,
        UpperCase,
        Alphabet,
        Connector,
        Punct,
        Other,
    }

    public static GoString ToCamelCase(GoString input)
    {
        var str = input.Span;
        if (str.IsEmpty)
        {
            return GoString.Empty;
        }

        var buf = new GoStringBuilder(str.Length);
        int r0 = 0, r1;
        var size = 0;
        while (!str.IsEmpty)
        {
            r0 = GoText.DecodeRune(str, out size);
            str = str[size..];
            if (!IsConnector(r0))
            {
                r0 = GoText.ToUpper(r0);
                break;
            }

            buf.AppendRune(r0);
        }

        if (str.IsEmpty)
        {
            if (size != 0)
            {
                buf.AppendRune(r0);
            }

            return buf.ToGoString();
        }

        while (!str.IsEmpty)
        {
            r1 = r0;
            r0 = GoText.DecodeRune(str, out size);
            str = str[size..];
            if (IsConnector(r0) && IsConnector(r1))
            {
                buf.AppendRune(r1);
                continue;
            }

            if (IsConnector(r1))
            {
                r0 = GoText.ToUpper(r0);
            }
            else
            {
                r0 = GoText.ToLower(r0);
                buf.AppendRune(r1);
            }
        }

        buf.AppendRune(r0);
        return buf.ToGoString();
    }

    public static GoString ToSnakeCase(GoString s) => CamelCaseToLowerCase(s, '_');

    public static GoString ToKebabCase(GoString s) => CamelCaseToLowerCase(s, '-');

    private static GoString CamelCaseToLowerCase(GoString input, int connector)
    {
        var bytes = input.Memory;
        if (bytes.IsEmpty)
        {
            return GoString.Empty;
        }

        var buf = new GoStringBuilder(bytes.Length + 8);
        var (wt, word, remaining) = NextWord(bytes);
        while (!remaining.IsEmpty)
        {
            if (wt != WordType.Connector)
            {
                ToLower(buf, wt, word.Span, connector);
            }

            var prev = wt;
            var last = word;
            (wt, word, remaining) = NextWord(remaining);
            switch (prev)
            {
                case WordType.Number:
                    while (wt is WordType.Alphabet or WordType.Number)
                    {
                        ToLower(buf, wt, word.Span, connector);
                        (wt, word, remaining) = NextWord(remaining);
                    }

                    if (wt is not WordType.Invalid and not WordType.Punct and not WordType.Connector)
                    {
                        buf.AppendRune(connector);
                    }

                    break;
                case WordType.Connector:
                    ToLower(buf, prev, last.Span, connector);
                    break;
                case WordType.Punct:
                    break;
                default:
                    if (wt != WordType.Number)
                    {
                        if (wt is not WordType.Connector and not WordType.Punct)
                        {
                            buf.AppendRune(connector);
                        }

                        break;
                    }

                    if (remaining.IsEmpty)
                    {
                        break;
                    }

                    var lastNumber = word;
                    (wt, word, remaining) = NextWord(remaining);
                    if (wt != WordType.Alphabet)
                    {
                        ToLower(buf, WordType.Number, lastNumber.Span, connector);
                        if (wt is not WordType.Connector and not WordType.Punct)
                        {
                            buf.AppendRune(connector);
                        }

                        break;
                    }

                    buf.AppendRune(connector);
                    ToLower(buf, WordType.Number, lastNumber.Span, connector);
                    while (wt is WordType.Alphabet or WordType.Number)
                    {
                        ToLower(buf, wt, word.Span, connector);
                        (wt, word, remaining) = NextWord(remaining);
                    }

                    if (wt is not WordType.Invalid and not WordType.Connector and not WordType.Punct)
                    {
                        buf.AppendRune(connector);
                    }

                    break;
            }
        }

        ToLower(buf, wt, word.Span, connector);
        return buf.ToGoString();
    }

    private static bool IsConnector(int r) => r == '-' || r == '_' || GoText.IsSpace(r);

    private static bool IsAlphabet(int r)
    {
        if (!GoText.IsLetter(r))
        {
            return false;
        }

        return r switch
        {
            < 0x3400 => true,
            >= 0x4E00 and <= 0x9FCC => false,
            >= 0x3400 and <= 0x4D85 => false,
            >= 0x20000 and <= 0x2B81D => false,
            _ => true,
        };
    }

    private static (int Rune, int Size) NextValidRune(ReadOnlySpan<byte> str, int prev)
    {
        var size = 0;
        while (!str.IsEmpty)
        {
            var r = GoText.DecodeRune(str, out var sz);
            size += sz;
            if (r != GoText.RuneError)
            {
                return (r, size);
            }

            str = str[sz..];
        }

        return (prev, size);
    }

    private static (WordType Type, ReadOnlyMemory<byte> Word, ReadOnlyMemory<byte> Remaining) NextWord(ReadOnlyMemory<byte> strMem)
    {
        if (strMem.IsEmpty)
        {
            return (WordType.Invalid, ReadOnlyMemory<byte>.Empty, ReadOnlyMemory<byte>.Empty);
        }

        var (r, size) = NextValidRune(strMem.Span, GoText.RuneError);
        var offset = size;
        if (r == GoText.RuneError)
        {
            return (WordType.Invalid, strMem[..offset], strMem[offset..]);
        }

        WordType wt;
        if (IsConnector(r))
        {
            wt = WordType.Connector;
            ExtendWhile(strMem, ref offset, r, static c => IsConnector(c));
        }
        else if (GoText.IsPunct(r))
        {
            wt = WordType.Punct;
            ExtendWhile(strMem, ref offset, r, static c => GoText.IsPunct(c));
        }
        else if (GoText.IsUpper(r))
        {
            wt = WordType.UpperCase;
            if (offset < strMem.Length)
            {
                (r, size) = NextValidRune(strMem.Span[offset..], r);
                if (GoText.IsUpper(r))
                {
                    var prevSize = size;
                    offset += size;
                    while (offset < strMem.Length)
                    {
                        (r, size) = NextValidRune(strMem.Span[offset..], r);
                        if (!GoText.IsUpper(r))
                        {
                            break;
                        }

                        prevSize = size;
                        offset += size;
                    }

                    // An upper-case run followed by a lower-case letter gives its last letter to the next word.
                    if (offset < strMem.Length && IsAlphabet(r))
                    {
                        offset -= prevSize;
                    }
                }
                else if (IsAlphabet(r))
                {
                    offset += size;
                    ExtendWhile(strMem, ref offset, r, static c => IsAlphabet(c) && !GoText.IsUpper(c));
                }
            }
        }
        else if (IsAlphabet(r))
        {
            wt = WordType.Alphabet;
            ExtendWhile(strMem, ref offset, r, static c => IsAlphabet(c) && !GoText.IsUpper(c));
        }
        else if (GoText.IsNumber(r))
        {
            wt = WordType.Number;
            ExtendWhile(strMem, ref offset, r, static c => GoText.IsNumber(c));
        }
        else
        {
            wt = WordType.Other;
            ExtendWhile(strMem, ref offset, r, static c => !(IsConnector(c) || IsAlphabet(c) || GoText.IsNumber(c) || GoText.IsPunct(c)));
        }

        return (wt, strMem[..offset], strMem[offset..]);
    }

    // Grows the word at str[..offset] by each following rune that keep accepts; an invalid byte
    // sequence stands for the previous rune (xstrings' nextValidRune), so it joins or ends a run likewise.
    private static void ExtendWhile(ReadOnlyMemory<byte> str, ref int offset, int prev, Func<int, bool> keep)
    {
        while (offset < str.Length)
        {
            var (r, size) = NextValidRune(str.Span[offset..], prev);
            if (!keep(r))
            {
                return;
            }

            offset += size;
            prev = r;
        }
    }

    private static void ToLower(GoStringBuilder buf, WordType wt, ReadOnlySpan<byte> str, int connector)
    {
        if (wt is not WordType.UpperCase and not WordType.Connector)
        {
            buf.Append(str);
            return;
        }

        while (!str.IsEmpty)
        {
            var r = GoText.DecodeRune(str, out var size);
            str = str[size..];
            if (IsConnector(r))
            {
                buf.AppendRune(connector);
            }
            else if (GoText.IsUpper(r))
            {
                buf.AppendRune(GoText.ToLower(r));
            }
            else
            {
                buf.AppendRune(r);
            }
        }
    }
}
