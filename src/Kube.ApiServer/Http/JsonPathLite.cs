using System.Globalization;
using System.Text.Json.Nodes;

namespace Kube.ApiServer.Http;

/// <summary>
/// The JSONPath subset CRD printer columns use in practice: dotted member paths, <c>[n]</c>
/// indexes and <c>[?(@.field=="value")]</c> filters (first match). Anything else yields no value.
/// </summary>
internal static class JsonPathLite
{
    public static JsonNode? Evaluate(JsonNode root, string path)
    {
        var p = path.Trim();
        if (p.StartsWith('{') && p.EndsWith('}'))
        {
            p = p[1..^1];
        }

        if (p.StartsWith('$'))
        {
            p = p[1..];
        }

        JsonNode? cur = root;
        var i = 0;
        while (i < p.Length && cur is not null)
        {
            if (p[i] == '.')
            {
                i++;
                var end = i;
                while (end < p.Length && p[end] != '.' && p[end] != '[')
                {
                    end++;
                }

                var member = p[i..end];
                cur = member.Length == 0 ? cur : (cur as JsonObject)?[member];
                i = end;
            }
            else if (p[i] == '[')
            {
                var close = FindClose(p, i);
                if (close < 0)
                {
                    return null;
                }

                var inner = p[(i + 1)..close];
                cur = Index(cur, inner);
                i = close + 1;
            }
            else
            {
                return null;
            }
        }

        return cur;
    }

    private static int FindClose(string p, int open)
    {
        var depth = 0;
        for (var i = open; i < p.Length; i++)
        {
            if (p[i] == '[')
            {
                depth++;
            }
            else if (p[i] == ']' && --depth == 0)
            {
                return i;
            }
        }

        return -1;
    }

    private static JsonNode? Index(JsonNode cur, string inner)
    {
        if (cur is not JsonArray arr)
        {
            return null;
        }

        if (int.TryParse(inner, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
        {
            if (n < 0)
            {
                n += arr.Count;
            }

            return n >= 0 && n < arr.Count ? arr[n] : null;
        }

        if (inner.StartsWith("?(@.", StringComparison.Ordinal) && inner.EndsWith(')'))
        {
            var expr = inner[4..^1];
            var eq = expr.IndexOf("==", StringComparison.Ordinal);
            if (eq < 0)
            {
                return null;
            }

            var field = expr[..eq].Trim();
            var want = expr[(eq + 2)..].Trim().Trim('"', '\'');
            return arr.FirstOrDefault(e => e is JsonObject o && Evaluate(o, "." + field) is JsonValue v && (v.TryGetValue<string>(out var s) ? s : v.ToJsonString()) == want);
        }

        return inner == "*" ? arr : null;
    }
}
