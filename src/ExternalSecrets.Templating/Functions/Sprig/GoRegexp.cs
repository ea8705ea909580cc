using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;
using ExternalSecrets.Templating.Formatting;
using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating.Functions.Sprig;

/// <summary>
/// A compiled Go regexp: the translated pattern run by .NET's linear-time NonBacktracking engine
/// (RE2 is linear too, so a hostile pattern cannot backtrack exponentially), with Go's rules for
/// empty matches in FindAll/ReplaceAll/Split and Go's <c>$name</c> expansion.
/// </summary>
internal sealed class GoRegexp
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(2);
    private static readonly ConcurrentDictionary<string, GoRegexp> Cache = new(StringComparer.Ordinal);
    private readonly IReadOnlyList<string?> _names;

    private GoRegexp(string expr, Regex regex, IReadOnlyList<string?> names)
    {
        Expr = expr;
        Regex = regex;
        _names = names;
    }

    public string Expr { get; }

    public Regex Regex { get; }

    /// <summary>Go's <c>regexp.Compile</c>; throws <see cref="GoRegexSyntaxException"/> with Go's text.</summary>
    public static GoRegexp Compile(string expr)
    {
        if (Cache.TryGetValue(expr, out var cached))
        {
            return cached;
        }

        var (pattern, names) = GoRegexTranslator.Translate(expr);
        Regex regex;
        try
        {
            regex = new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant, MatchTimeout);
        }
        catch (ArgumentException e)
        {
            throw new GoRegexSyntaxException("error parsing regexp: unsupported pattern: `" + expr + "`", e);
        }

        var compiled = new GoRegexp(expr, regex, names);
        if (Cache.Count < 512)
        {
            Cache.TryAdd(expr, compiled);
        }

        return compiled;
    }

    /// <summary>Go's <c>regexp.MustCompile</c> panic text.</summary>
    public static GoRegexp MustCompile(GoString expr)
    {
        try
        {
            return Compile(expr.ToUtf8String());
        }
        catch (GoRegexSyntaxException e)
        {
            var quoted = GoQuote.CanBackquote(expr.Span) ? "`" + expr + "`" : GoQuote.Quote(expr).ToString();
            throw new InvalidOperationException("regexp: Compile(" + quoted + "): " + e.Message, e);
        }
    }

    public bool IsMatch(string s) => Regex.IsMatch(s);

    /// <summary>Go's allMatches: at most n (n &lt; 0: all) matches, skipping an empty match right after a previous match.</summary>
    public List<Match> FindAll(string s, int n)
    {
        var result = new List<Match>();
        if (n < 0)
        {
            n = s.Length + 1;
        }

        var pos = 0;
        var prevMatchEnd = -1;
        while (result.Count < n && pos <= s.Length)
        {
            var m = Regex.Match(s, pos);
            if (!m.Success)
            {
                break;
            }

            var accept = true;
            var end = m.Index + m.Length;
            if (end == pos)
            {
                if (m.Index == prevMatchEnd)
                {
                    accept = false;
                }

                pos += pos < s.Length ? RuneWidth(s, pos) : 1;
            }
            else
            {
                pos = end;
            }

            prevMatchEnd = end;
            if (accept)
            {
                result.Add(m);
            }
        }

        return result;
    }

    public string? FindString(string s)
    {
        var m = Regex.Match(s);
        return m.Success ? m.Value : string.Empty;
    }

    /// <summary>Go's <c>ReplaceAllString</c> (expand=true) or <c>ReplaceAllLiteralString</c>.</summary>
    public string ReplaceAll(string src, string repl, bool expand, FunctionContext ctx)
    {
        var sb = new StringBuilder();
        var lastMatchEnd = 0;
        var searchPos = 0;
        while (searchPos <= src.Length)
        {
            var m = Regex.Match(src, searchPos);
            if (!m.Success)
            {
                break;
            }

            var start = m.Index;
            var end = m.Index + m.Length;
            sb.Append(src, lastMatchEnd, start - lastMatchEnd);
            if (end > lastMatchEnd || start == 0)
            {
                if (expand)
                {
                    Expand(sb, repl, m);
                }
                else
                {
                    sb.Append(repl);
                }

                ctx.EnsureSize(sb.Length);
            }

            lastMatchEnd = end;
            var width = searchPos < src.Length ? RuneWidth(src, searchPos) : 1;
            if (searchPos + width > end)
            {
                searchPos += width;
            }
            else if (searchPos + 1 > end)
            {
                searchPos++;
            }
            else
            {
                searchPos = end;
            }
        }

        sb.Append(src, lastMatchEnd, src.Length - lastMatchEnd);
        return sb.ToString();
    }

    /// <summary>Go's <c>Regexp.Split</c>.</summary>
    public List<string> Split(string s, int n)
    {
        var strings = new List<string>();
        if (n == 0)
        {
            return strings;
        }

        if (Expr.Length > 0 && s.Length == 0)
        {
            strings.Add(string.Empty);
            return strings;
        }

        var matches = FindAll(s, n);
        var beg = 0;
        var end = 0;
        foreach (var match in matches)
        {
            if (n > 0 && strings.Count == n - 1)
            {
                break;
            }

            end = match.Index;
            if (match.Index + match.Length != 0)
            {
                strings.Add(s[beg..end]);
            }

            beg = match.Index + match.Length;
        }

        if (end != s.Length)
        {
            strings.Add(s[beg..]);
        }

        return strings;
    }

    // Go's Regexp.expand: $name or ${name}; a name is [A-Za-z0-9_]+ (so $1W is the group "1W");
    // a number is a group index; unknown groups expand to nothing; $$ is a dollar.
    private void Expand(StringBuilder sb, string template, Match m)
    {
        var i = 0;
        while (i < template.Length)
        {
            var d = template.IndexOf('$', i);
            if (d < 0)
            {
                break;
            }

            sb.Append(template, i, d - i);
            i = d + 1;
            if (i < template.Length && template[i] == '$')
            {
                sb.Append('$');
                i++;
                continue;
            }

            string? name = null;
            var brace = i < template.Length && template[i] == '{';
            var j = brace ? i + 1 : i;
            var k = j;
            while (k < template.Length && (char.IsAsciiLetterOrDigit(template[k]) || template[k] == '_'))
            {
                k++;
            }

            if (k > j && (!brace || (k < template.Length && template[k] == '}')))
            {
                name = template[j..k];
                i = brace ? k + 1 : k;
            }

            if (name is null)
            {
                // Malformed: the dollar is kept.
                sb.Append('$');
                continue;
            }

            var group = GroupFor(name);
            var g = group == 0 ? m.Groups[0] : group > 0 ? m.Groups[GoRegexTranslator.DotNetName(group)] : null;
            if (g is { Success: true })
            {
                sb.Append(g.Value);
            }
        }

        sb.Append(template, i, template.Length - i);
    }

    private int GroupFor(string name)
    {
        if (name.All(char.IsAsciiDigit))
        {
            return name.Length > 9 || !int.TryParse(name, System.Globalization.CultureInfo.InvariantCulture, out var n) || n > _names.Count ? -1 : n;
        }

        for (var g = 0; g < _names.Count; g++)
        {
            if (_names[g] == name)
            {
                return g + 1;
            }
        }

        return -1;
    }

    private static int RuneWidth(string s, int i) =>
        char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]) ? 2 : 1;
}
