using System.Text.Json.Nodes;
using Kube.ApiServer.Patching;
using Kube.ApiServer.Resources;

namespace Kube.ApiServer.Crd;

/// <summary>
/// Answers the server-side-apply engine's "what kind of list is at <c>.spec.rules[].hosts</c>?" from a
/// CRD schema's <c>x-kubernetes-list-type</c> / <c>x-kubernetes-list-map-keys</c> (atomic by default).
/// </summary>
internal static class CrdListTypes
{
    public static Func<string, ListType>? For(JsonObject? schema)
    {
        if (schema is null)
        {
            return null;
        }

        return path => Lookup(schema, path);
    }

    private static ListType Lookup(JsonObject schema, string path)
    {
        JsonObject? cur = schema;
        foreach (var raw in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            var seg = raw;
            var items = 0;
            while (seg.EndsWith("[]", StringComparison.Ordinal))
            {
                seg = seg[..^2];
                items++;
            }

            cur = JsonObjects.Obj(JsonObjects.Obj(cur, "properties"), seg) ?? JsonObjects.Obj(cur, "additionalProperties");
            for (var i = 0; i < items && cur is not null; i++)
            {
                cur = JsonObjects.Obj(cur, "items");
            }

            if (cur is null)
            {
                return ListType.Atomic;
            }
        }

        return JsonObjects.Str(cur, "x-kubernetes-list-type") switch
        {
            "set" => ListType.Set,
            "map" when JsonObjects.StringList(cur, "x-kubernetes-list-map-keys") is { Count: > 0 } keys => ListType.Map([.. keys]),
            _ => ListType.Atomic,
        };
    }
}
