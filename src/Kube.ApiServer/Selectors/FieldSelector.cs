using System.Text.Json;
using Kube.ApiServer.Http;

namespace Kube.ApiServer.Selectors;

/// <summary>
/// Field selectors (<c>=</c>, <c>==</c>, <c>!=</c>, comma = AND) over the fields each kind supports
/// upstream: metadata.name/namespace always, plus per-kind fields (Secret <c>type</c>, Event
/// <c>involvedObject.*</c>, Namespace <c>status.phase</c>). Anything else is a 400 as upstream.
/// </summary>
internal sealed class FieldSelector
{
    private static readonly Dictionary<string, string[]> KindFields = new(StringComparer.Ordinal)
    {
        ["Secret"] = ["type"],
        ["Namespace"] = ["status.phase"],
        ["Event"] =
        [
            "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
            "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath",
            "reason", "reportingComponent", "source", "type",
        ],
        ["Pod"] = ["spec.nodeName", "spec.serviceAccountName", "status.phase", "spec.restartPolicy", "spec.schedulerName", "status.podIP", "status.nominatedNodeName"],
    };

    private readonly List<(string Field, string Value, bool Negate)> _terms;

    private FieldSelector(List<(string, string, bool)> terms) => _terms = terms;

    public bool IsEmpty => _terms.Count == 0;

    public static FieldSelector Parse(string? text, string kind)
    {
        var terms = new List<(string, string, bool)>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return new FieldSelector(terms);
        }

        foreach (var raw in text.Split(','))
        {
            var part = raw.Trim();
            var negate = false;
            int idx;
            int len;
            if ((idx = part.IndexOf("!=", StringComparison.Ordinal)) > 0)
            {
                negate = true;
                len = 2;
            }
            else if ((idx = part.IndexOf("==", StringComparison.Ordinal)) > 0)
            {
                len = 2;
            }
            else if ((idx = part.IndexOf('=', StringComparison.Ordinal)) > 0)
            {
                len = 1;
            }
            else
            {
                throw ApiException.BadRequest($"invalid field selector: '{part}' is not a valid field selector: must be 'key=value' or 'key!=value'");
            }

            var field = part[..idx].Trim();
            var value = part[(idx + len)..].Trim();
            if (field is not ("metadata.name" or "metadata.namespace")
                && !(KindFields.TryGetValue(kind, out var allowed) && allowed.Contains(field)))
            {
                throw ApiException.BadRequest($"field label not supported: {field}");
            }

            terms.Add((field, value, negate));
        }

        return new FieldSelector(terms);
    }

    public bool Matches(byte[] json)
    {
        if (_terms.Count == 0)
        {
            return true;
        }

        using var doc = JsonDocument.Parse(json);
        foreach (var (field, value, negate) in _terms)
        {
            var actual = Lookup(doc.RootElement, field);
            if ((actual == value) == negate)
            {
                return false;
            }
        }

        return true;
    }

    private static string Lookup(JsonElement root, string path)
    {
        var cur = root;
        foreach (var seg in path.Split('.'))
        {
            if (cur.ValueKind != JsonValueKind.Object || !cur.TryGetProperty(seg, out cur))
            {
                return string.Empty;
            }
        }

        return cur.ValueKind switch
        {
            JsonValueKind.String => cur.GetString()!,
            JsonValueKind.Object when path == "source" => cur.TryGetProperty("component", out var c) ? c.GetString() ?? string.Empty : string.Empty,
            JsonValueKind.Null or JsonValueKind.Undefined => string.Empty,
            _ => cur.GetRawText(),
        };
    }
}
