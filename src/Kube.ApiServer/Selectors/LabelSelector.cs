using Kube.ApiServer.Http;

namespace Kube.ApiServer.Selectors;

/// <summary>
/// The label selector grammar of apimachinery's labels.Parse: comma-separated requirements
/// <c>k=v</c>, <c>k==v</c>, <c>k!=v</c>, <c>k in (a,b)</c>, <c>k notin (a,b)</c>, <c>k</c>, <c>!k</c>, all ANDed.
/// </summary>
internal sealed class LabelSelector
{
    private readonly List<Requirement> _requirements;

    private LabelSelector(List<Requirement> requirements) => _requirements = requirements;

    public bool IsEmpty => _requirements.Count == 0;

    public static LabelSelector Parse(string? text)
    {
        var list = new List<Requirement>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return new LabelSelector(list);
        }

        foreach (var part in SplitTopLevel(text))
        {
            var p = part.Trim();
            if (p.Length == 0)
            {
                throw ApiException.BadRequest($"unable to parse requirement: found '', expected: identifier in \"{text}\"");
            }

            list.Add(ParseRequirement(p, text));
        }

        return new LabelSelector(list);
    }

    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        foreach (var r in _requirements)
        {
            var has = labels.TryGetValue(r.Key, out var value);
            var ok = r.Op switch
            {
                Op.Exists => has,
                Op.NotExists => !has,
                Op.In => has && r.Values.Contains(value!),
                Op.NotIn => !has || !r.Values.Contains(value!),
                Op.Equals => has && value == r.Values[0],
                Op.NotEquals => !has || value != r.Values[0],
                _ => false,
            };
            if (!ok)
            {
                return false;
            }
        }

        return true;
    }

    private static Requirement ParseRequirement(string p, string whole)
    {
        if (p.StartsWith('!'))
        {
            return new Requirement(CheckKey(p[1..].Trim(), whole), Op.NotExists, []);
        }

        var notIn = p.IndexOf(" notin ", StringComparison.Ordinal);
        var inIdx = p.IndexOf(" in ", StringComparison.Ordinal);
        if (notIn > 0 || inIdx > 0)
        {
            var isNot = notIn > 0;
            var idx = isNot ? notIn : inIdx;
            var key = CheckKey(p[..idx].Trim(), whole);
            var rest = p[(idx + (isNot ? 7 : 4))..].Trim();
            if (!rest.StartsWith('(') || !rest.EndsWith(')'))
            {
                throw ApiException.BadRequest($"unable to parse requirement: found '{rest}', expected: '(' in \"{whole}\"");
            }

            var values = rest[1..^1].Split(',').Select(v => v.Trim()).ToList();
            return new Requirement(key, isNot ? Op.NotIn : Op.In, values);
        }

        foreach (var (token, op) in new[] { ("!=", Op.NotEquals), ("==", Op.Equals), ("=", Op.Equals) })
        {
            var i = p.IndexOf(token, StringComparison.Ordinal);
            if (i > 0)
            {
                var key = CheckKey(p[..i].Trim(), whole);
                var value = p[(i + token.Length)..].Trim();
                if (value.Contains('=', StringComparison.Ordinal) || value.Contains(' ', StringComparison.Ordinal))
                {
                    throw ApiException.BadRequest($"unable to parse requirement: invalid label value: \"{value}\" in \"{whole}\"");
                }

                return new Requirement(key, op, [value]);
            }
        }

        return new Requirement(CheckKey(p, whole), Op.Exists, []);
    }

    private static string CheckKey(string key, string whole)
    {
        if (key.Length == 0 || key.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/')))
        {
            throw ApiException.BadRequest($"unable to parse requirement: invalid label key \"{key}\" in \"{whole}\"");
        }

        return key;
    }

    /// <summary>Splits on commas that are not inside a value list's parentheses.</summary>
    private static List<string> SplitTopLevel(string text)
    {
        var parts = new List<string>();
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '(':
                    depth++;
                    break;
                case ')':
                    depth--;
                    break;
                case ',' when depth == 0:
                    parts.Add(text[start..i]);
                    start = i + 1;
                    break;
            }
        }

        parts.Add(text[start..]);
        return parts;
    }

    private enum Op
    {
        Exists,
        NotExists,
        Equals,
        NotEquals,
        In,
        NotIn,
    }

    private sealed record Requirement(string Key, Op Op, List<string> Values);
}
