using System.Globalization;
using ExternalSecrets.Templating.Formatting;
using ExternalSecrets.Templating.Values;
using static ExternalSecrets.Templating.Functions.Sprig.Sig;

namespace ExternalSecrets.Templating.Functions.Sprig;

/// <summary>sprig's string functions (strings.go and the string entries of its function map).</summary>
internal static class SprigStrings
{
    public static void Register(FuncMap m)
    {
        Fn(m, "hello", S, [], static (_, _) => Ok((GoString)"Hello!"));
        Fn(m, "abbrev", S, [I, S], static (_, a) => Ok(Abbrev(Int(a, 0), Str(a, 1))));
        Fn(m, "abbrevboth", S, [I, I, S], static (_, a) => Ok(AbbrevBoth(Int(a, 0), Int(a, 1), Str(a, 2))));
        Fn(m, "trunc", S, [I, S], static (_, a) => Ok(Trunc(Int(a, 0), Str(a, 1))));
        Fn(m, "trim", S, [S], static (_, a) => Ok(GoText.TrimFunc(Str(a, 0), GoText.IsSpace)));
        Fn(m, "upper", S, [S], static (_, a) => Ok(GoText.Map(Str(a, 0), GoText.ToUpper)));
        Fn(m, "lower", S, [S], static (_, a) => Ok(GoText.Map(Str(a, 0), GoText.ToLower)));
        Fn(m, "title", S, [S], static (_, a) => Ok(Title(Str(a, 0))));
        Fn(m, "untitle", S, [S], static (_, a) => Ok(Untitle(Str(a, 0))));
        Fn(m, "substr", S, [I, I, S], static (_, a) => Ok(Substr(Int(a, 0), Int(a, 1), Str(a, 2))));
        Fn(m, "repeat", S, [I, S], static (ctx, a) => Ok(Repeat(ctx, Int(a, 0), Str(a, 1))));
        Fn(m, "trimall", S, [S, S], static (_, a) => Ok(Trim(Str(a, 1), Str(a, 0))));
        Fn(m, "trimAll", S, [S, S], static (_, a) => Ok(Trim(Str(a, 1), Str(a, 0))));
        Fn(m, "trimSuffix", S, [S, S], static (_, a) => Ok(TrimSuffix(Str(a, 1), Str(a, 0))));
        Fn(m, "trimPrefix", S, [S, S], static (_, a) => Ok(TrimPrefix(Str(a, 1), Str(a, 0))));
        Fn(m, "nospace", S, [S], static (_, a) => Ok(DeleteWhiteSpace(Str(a, 0))));
        Fn(m, "initials", S, [S], static (_, a) => Ok(Initials(Str(a, 0))));
        Fn(m, "swapcase", S, [S], static (_, a) => Ok(SwapCase(Str(a, 0))));
        Fn(m, "snakecase", S, [S], static (_, a) => Ok(XStrings.ToSnakeCase(Str(a, 0))));
        Fn(m, "camelcase", S, [S], static (_, a) => Ok(XStrings.ToCamelCase(Str(a, 0))));
        Fn(m, "kebabcase", S, [S], static (_, a) => Ok(XStrings.ToKebabCase(Str(a, 0))));
        Fn(m, "wrap", S, [I, S], static (ctx, a) => Ok(WrapCustom(ctx, Str(a, 1), Int(a, 0), GoString.Empty, false)));
        Fn(m, "wrapWith", S, [I, S, S], static (ctx, a) => Ok(WrapCustom(ctx, Str(a, 2), Int(a, 0), Str(a, 1), true)));
        Fn(m, "contains", B, [S, S], static (_, a) => Ok(Str(a, 1).Span.IndexOf(Str(a, 0).Span) >= 0));
        Fn(m, "hasPrefix", B, [S, S], static (_, a) => Ok(Str(a, 1).Span.StartsWith(Str(a, 0).Span)));
        Fn(m, "hasSuffix", B, [S, S], static (_, a) => Ok(Str(a, 1).Span.EndsWith(Str(a, 0).Span)));
        Var(m, "quote", S, [], A, static (_, a) => Ok(Quote(a)));
        Var(m, "squote", S, [], A, static (_, a) => Ok(Squote(a)));
        Var(m, "cat", S, [], A, static (_, a) => Ok(Cat(a)));
        Fn(m, "indent", S, [I, S], static (ctx, a) => Ok(Indent(ctx, Int(a, 0), Str(a, 1))));
        Fn(m, "nindent", S, [I, S], static (ctx, a) => Ok(GoString.Concat("\n", Indent(ctx, Int(a, 0), Str(a, 1)))));
        Fn(m, "replace", S, [S, S, S], static (ctx, a) =>
        {
            ctx.EnsureSize(ReplacedSize(Str(a, 2), Str(a, 0), Str(a, 1)));
            return Ok(GoText.ReplaceAll(Str(a, 2), Str(a, 0), Str(a, 1)));
        });
        Fn(m, "plural", S, [S, S, I], static (_, a) => Ok(Int(a, 2) == 1 ? Str(a, 0) : Str(a, 1)));
        Fn(m, "toString", S, [A], static (_, a) => Ok(SprigValues.Strval(a[0])));
        Fn(m, "split", MSS, [S, S], static (_, a) => Ok(SplitToMap(GoText.Split(Str(a, 1), Str(a, 0), -1))));
        Fn(m, "splitList", LS, [S, S], static (_, a) => Ok(new GoList(LS, GoText.Split(Str(a, 1), Str(a, 0), -1))));
        Fn(m, "splitn", MSS, [S, I, S], static (_, a) => Ok(SplitToMap(GoText.Split(Str(a, 2), Str(a, 0), (int)Math.Clamp(Int(a, 1), int.MinValue, int.MaxValue)))));
        Fn(m, "toStrings", LS, [A], static (_, a) => Ok(StrSlice(a[0])));
        Fn(m, "join", S, [S, A], static (ctx, a) => Ok(Join(ctx, StrSlice(a[1]), Str(a, 0))));
        Fn(m, "sortAlpha", LS, [A], static (_, a) => Ok(SortAlpha(a[0])));
    }

    // The exact length strings.Replace will produce, so a hostile replacement fails before allocating.
    private static long ReplacedSize(GoString s, GoString old, GoString @new)
    {
        if (old.Length == 0)
        {
            return s.Length + ((GoText.ToRunes(s).Count + 1L) * @new.Length);
        }

        long count = 0;
        var span = s.Span;
        for (var i = span.IndexOf(old.Span); i >= 0; i = span.IndexOf(old.Span))
        {
            count++;
            span = span[(i + old.Length)..];
        }

        return s.Length + (count * (@new.Length - old.Length));
    }

    public static GoString Trunc(long c, GoString s)
    {
        if (c < 0 && s.Length + c > 0)
        {
            return s.Substring((int)(s.Length + c), (int)-c);
        }

        if (c >= 0 && s.Length > c)
        {
            return s.Substring(0, (int)c);
        }

        return s;
    }

    // goutils.AbbreviateFull, byte-indexed as in Go.
    private static GoString Abbrev(long width, GoString s) => width < 4 ? s : AbbreviateFull(s, 0, width);

    private static GoString AbbrevBoth(long left, long right, GoString s)
    {
        if (right < 4 || (left > 0 && right < 7))
        {
            return s;
        }

        return AbbreviateFull(s, left, right);
    }

    private static GoString AbbreviateFull(GoString str, long offset, long maxWidth)
    {
        if (str.Length == 0)
        {
            return str;
        }

        if (maxWidth < 4)
        {
            return GoString.Empty;
        }

        if (str.Length <= maxWidth)
        {
            return str;
        }

        var len = str.Length;
        if (offset > len)
        {
            offset = len;
        }

        if (len - offset < maxWidth - 3)
        {
            offset = len - (maxWidth - 3);
        }

        GoString marker = "...";
        if (offset <= 4)
        {
            return GoString.Concat(str.Substring(0, (int)(maxWidth - 3)), marker);
        }

        if (maxWidth < 7)
        {
            return GoString.Empty;
        }

        if (offset + maxWidth - 3 < len)
        {
            var rest = str.Substring((int)offset, (int)(len - offset));
            return GoString.Concat(marker, AbbreviateFull(rest, 0, maxWidth - 3));
        }

        return GoString.Concat(marker, str.Substring((int)(len - (maxWidth - 3)), (int)(maxWidth - 3)));
    }

    // Go 1.19 strings.Title: a letter after a separator (anything but letters, digits, '_' in ASCII; spaces otherwise) is title-cased.
    private static GoString Title(GoString s)
    {
        var prev = (int)' ';
        return GoText.Map(s, r =>
        {
            var result = IsSeparator(prev) ? GoText.ToTitle(r) : r;
            prev = r;
            return result;
        });
    }

    private static bool IsSeparator(int r)
    {
        if (r <= 0x7F)
        {
            return !(r is >= '0' and <= '9' or >= 'a' and <= 'z' or >= 'A' and <= 'Z' or '_');
        }

        if (GoText.IsLetter(r) || GoText.IsDigit(r))
        {
            return false;
        }

        return GoText.IsSpace(r);
    }

    // goutils.Uncapitalize: first rune of each whitespace-separated word to lower case.
    private static GoString Untitle(GoString s)
    {
        if (s.Length == 0)
        {
            return s;
        }

        var runes = GoText.ToRunes(s);
        var next = true;
        for (var i = 0; i < runes.Count; i++)
        {
            if (GoText.IsSpace(runes[i]))
            {
                next = true;
            }
            else if (next)
            {
                runes[i] = GoText.ToLower(runes[i]);
                next = false;
            }
        }

        return GoText.FromRunes(runes);
    }

    private static GoString SwapCase(GoString s)
    {
        if (s.Length == 0)
        {
            return s;
        }

        var runes = GoText.ToRunes(s);
        var whitespace = true;
        for (var i = 0; i < runes.Count; i++)
        {
            var ch = runes[i];
            if (GoText.IsUpper(ch) || GoText.IsTitle(ch))
            {
                runes[i] = GoText.ToLower(ch);
                whitespace = false;
            }
            else if (GoText.IsLower(ch))
            {
                runes[i] = whitespace ? GoText.ToTitle(ch) : GoText.ToUpper(ch);
                whitespace = false;
            }
            else
            {
                whitespace = GoText.IsSpace(ch);
            }
        }

        return GoText.FromRunes(runes);
    }

    /// <summary>Go's slice-expression panic text, which sprig's <c>substr</c> surfaces.</summary>
    public static InvalidOperationException SliceBounds(string detail) => new("runtime error: slice bounds out of range " + detail);

    private static GoString Substr(long start, long end, GoString s)
    {
        var len = s.Length;
        if (start < 0)
        {
            return SliceTo(s, end);
        }

        if (end < 0 || end > len)
        {
            if (start > len)
            {
                throw SliceBounds(string.Create(CultureInfo.InvariantCulture, $"[{start}:{len}]"));
            }

            return s.Substring((int)start, (int)(len - start));
        }

        if (start > end)
        {
            throw SliceBounds(string.Create(CultureInfo.InvariantCulture, $"[{start}:{end}]"));
        }

        return s.Substring((int)start, (int)(end - start));
    }

    private static GoString SliceTo(GoString s, long end)
    {
        if (end < 0)
        {
            throw SliceBounds(string.Create(CultureInfo.InvariantCulture, $"[:{end}]"));
        }

        if (end > s.Length)
        {
            throw SliceBounds(string.Create(CultureInfo.InvariantCulture, $"[:{end}] with length {s.Length}"));
        }

        return s.Substring(0, (int)end);
    }

    public static GoString Repeat(FunctionContext ctx, long count, GoString s)
    {
        if (count < 0)
        {
            throw new InvalidOperationException("strings: negative Repeat count");
        }

        if (count == 0 || s.Length == 0)
        {
            return GoString.Empty;
        }

        if (count > long.MaxValue / s.Length)
        {
            throw new InvalidOperationException("strings: Repeat count causes overflow");
        }

        ctx.EnsureSize(count * s.Length);
        var sb = new GoStringBuilder((int)(count * s.Length));
        for (var i = 0; i < count; i++)
        {
            sb.Append(s);
        }

        return sb.ToGoString();
    }

    private static GoString Trim(GoString s, GoString cutset)
    {
        if (s.Length == 0 || cutset.Length == 0)
        {
            return s;
        }

        var set = new HashSet<int>(GoText.ToRunes(cutset));
        return GoText.TrimFunc(s, set.Contains);
    }

    private static GoString TrimSuffix(GoString s, GoString suffix) =>
        s.Span.EndsWith(suffix.Span) ? s.Substring(0, s.Length - suffix.Length) : s;

    private static GoString TrimPrefix(GoString s, GoString prefix) =>
        s.Span.StartsWith(prefix.Span) ? s.Substring(prefix.Length, s.Length - prefix.Length) : s;

    // goutils.DeleteWhiteSpace works byte by byte and writes each kept byte as a rune, so it
    // re-encodes non-ASCII bytes as Latin-1 code points when any whitespace was removed.
    private static GoString DeleteWhiteSpace(GoString s)
    {
        var span = s.Span;
        var sb = new GoStringBuilder(span.Length);
        var count = 0;
        foreach (var b in span)
        {
            if (!GoText.IsSpace(b))
            {
                sb.AppendRune(b);
                count++;
            }
        }

        return count == span.Length ? s : sb.ToGoString();
    }

    // goutils.Initials, byte-wise like DeleteWhiteSpace.
    private static GoString Initials(GoString s)
    {
        var sb = new GoStringBuilder();
        var lastWasGap = true;
        foreach (var b in s.Span)
        {
            if (GoText.IsSpace(b))
            {
                lastWasGap = true;
            }
            else if (lastWasGap)
            {
                sb.AppendRune(b);
                lastWasGap = false;
            }
        }

        return sb.ToGoString();
    }

    // goutils.WrapCustom (byte offsets; ' ' is the only break).
    private static GoString WrapCustom(FunctionContext ctx, GoString input, long wrapLengthArg, GoString newLine, bool wrapLongWords)
    {
        if (input.Length == 0)
        {
            return GoString.Empty;
        }

        if (newLine.Length == 0)
        {
            newLine = "\n";
        }

        var wrapLength = (int)Math.Clamp(wrapLengthArg, 1, int.MaxValue);
        var str = input.Span;
        var len = str.Length;
        var offset = 0;
        var sb = new GoStringBuilder(len + 16);
        while (len - offset > wrapLength)
        {
            if (str[offset] == ' ')
            {
                offset++;
                continue;
            }

            var end = wrapLength + offset + 1;
            var spaceToWrapAt = str[offset..end].LastIndexOf((byte)' ') + offset;
            if (spaceToWrapAt >= offset)
            {
                sb.Append(str[offset..spaceToWrapAt]).Append(newLine);
                offset = spaceToWrapAt + 1;
                ctx.EnsureSize(sb.Length);
            }
            else if (wrapLongWords)
            {
                sb.Append(str[offset..(wrapLength + offset)]).Append(newLine);
                offset += wrapLength;
                ctx.EnsureSize(sb.Length);
            }
            else
            {
                end = wrapLength + offset;
                var index = str[end..].IndexOf((byte)' ');
                if (index == -1)
                {
                    sb.Append(str[offset..]);
                    offset = len;
                }
                else
                {
                    spaceToWrapAt = index + end;
                    sb.Append(str[offset..spaceToWrapAt]).Append(newLine);
                    offset = spaceToWrapAt + 1;
                }
            }
        }

        sb.Append(str[offset..]);
        return sb.ToGoString();
    }

    // sprig's quote/squote: each non-nil argument formatted, joined by one space.
    private static GoString Quote(ReadOnlySpan<object?> args) =>
        JoinNonNil(args, static (sb, v) => sb.Append(GoQuote.Quote(SprigValues.Strval(v))));

    private static GoString Squote(ReadOnlySpan<object?> args) =>
        JoinNonNil(args, static (sb, v) =>
        {
            sb.Append((byte)'\'');
            GoFmt.AppendValue(sb, v);
            sb.Append((byte)'\'');
        });

    private static GoString JoinNonNil(ReadOnlySpan<object?> args, Action<GoStringBuilder, object> append)
    {
        var sb = new GoStringBuilder();
        var first = true;
        foreach (var v in args)
        {
            if (v is null)
            {
                continue;
            }

            if (!first)
            {
                sb.Append((byte)' ');
            }

            first = false;
            append(sb, v);
        }

        return sb.ToGoString();
    }

    // sprig's cat: the same non-nil, space-joined shape as quote, values printed as %v.
    private static GoString Cat(ReadOnlySpan<object?> args) =>
        JoinNonNil(args, static (sb, v) => GoFmt.AppendValue(sb, v));

    private static GoString Indent(FunctionContext ctx, long spaces, GoString v)
    {
        if (spaces < 0)
        {
            throw new InvalidOperationException("strings: negative Repeat count");
        }

        var lines = 1 + v.Span.Count((byte)'\n');
        ctx.EnsureSize(v.Length + (spaces * lines));
        var pad = new byte[spaces];
        pad.AsSpan().Fill((byte)' ');
        var sb = new GoStringBuilder((int)(v.Length + (spaces * lines)));
        sb.Append(pad);
        foreach (var b in v.Span)
        {
            sb.Append(b);
            if (b == '\n')
            {
                sb.Append(pad);
            }
        }

        return sb.ToGoString();
    }

    private static GoMap SplitToMap(List<GoString> parts)
    {
        var map = new GoMap(MSS, parts.Count);
        for (var i = 0; i < parts.Count; i++)
        {
            map[GoString.FromUtf8("_" + i.ToString(CultureInfo.InvariantCulture))] = parts[i];
        }

        return map;
    }

    /// <summary>sprig's <c>strslice</c>: lists become their non-nil elements as strings; any other non-nil value a one-element list.</summary>
    public static GoList StrSlice(object? v)
    {
        switch (v)
        {
            case GoList { Type: var t } l when t == LS:
                return l;
            case GoList l:
                {
                    var result = new GoList(LS, l.Count);
                    foreach (var item in l)
                    {
                        if (item is not null)
                        {
                            result.Add(SprigValues.Strval(item));
                        }
                    }

                    return result;
                }

            case null:
                return new GoList(LS);
            default:
                return new GoList(LS, [SprigValues.Strval(v)]);
        }
    }

    private static GoString Join(FunctionContext ctx, GoList items, GoString sep)
    {
        long size = 0;
        foreach (var o in items)
        {
            var s = (GoString)o!;
            size += s.Length + sep.Length;
        }

        ctx.EnsureSize(size);
        var sb = new GoStringBuilder((int)Math.Max(size, 0));
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                sb.Append(sep);
            }

            sb.Append((GoString)items[i]!);
        }

        return sb.ToGoString();
    }

    private static GoList SortAlpha(object? list)
    {
        if (list is GoList)
        {
            var strings = StrSlice(list).Cast<GoString>().ToArray();
            Array.Sort(strings, GoString.Compare);
            return new GoList(LS, strings);
        }

        return new GoList(LS, [SprigValues.Strval(list)]);
    }
}
