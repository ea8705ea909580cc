using System.Text;
using ExternalSecrets.Templating.Formatting;
using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating.Parsing;

/// <summary>Small pieces of Go syntax shared by lexer, parser and messages.</summary>
internal static class GoSyntax
{
    public static bool IsSpace(int r) => r is ' ' or '\t' or '\r' or '\n';

    /// <summary>Go's <c>isAlphaNumeric</c>: underscore, Unicode letter or digit.</summary>
    public static bool IsAlphaNumeric(int r) =>
        r == '_' || (r >= 0 && r <= 0x10FFFF && !(r >= 0xD800 && r <= 0xDFFF) && (Rune.IsLetter(new Rune(r)) || Rune.IsDigit(new Rune(r))));

    /// <summary><c>%q</c> of a string, optionally with Go's <c>%.Nq…</c> truncation to N runes.</summary>
    public static string QuoteForMessage(string value, int maxRunes)
    {
        if (maxRunes < 0)
        {
            return GoQuote.Quote(GoString.FromUtf8(value)).ToString();
        }

        var runes = value.EnumerateRunes().Take(maxRunes);
        var sb = new StringBuilder();
        foreach (var r in runes)
        {
            sb.Append(r.ToString());
        }

        return GoQuote.Quote(GoString.FromUtf8(sb.ToString())).ToString() + "...";
    }

    /// <summary>Go's <c>%#U</c>: <c>U+0041 'A'</c>.</summary>
    public static string UnicodeForMessage(int r)
    {
        var s = "U+" + r.ToString("X4", System.Globalization.CultureInfo.InvariantCulture);
        if (GoQuote.IsPrint(r))
        {
            s += " '" + char.ConvertFromUtf32(r) + "'";
        }

        return s;
    }
}
