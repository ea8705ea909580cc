using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Kube.ApiServer.Resources;

namespace Kube.ApiServer.Http;

/// <summary>
/// The minimal <c>/openapi/v3</c> kubectl ≥ 1.29 needs (reference §4): a root listing every
/// group-version with a content hash, and per group-version a document whose item paths carry a
/// PATCH operation tagged with the GVK and the <c>fieldValidation</c> parameter, so kubectl leaves
/// validation to the server. CRD schemas are included as components (for <c>kubectl explain</c>).
/// Documents are rebuilt whenever the registry changes (CRDs), which changes their hashes.
/// </summary>
internal sealed class OpenApiDocuments(ResourceRegistry registry)
{
    private readonly Lock _sync = new();
    private long _generation = -1;
    private Dictionary<string, byte[]> _docs = [];
    private byte[] _root = [];

    public byte[] Root()
    {
        Refresh();
        return _root;
    }

    public byte[]? Document(string gvPath)
    {
        Refresh();
        return _docs.TryGetValue(gvPath, out var d) ? d : null;
    }

    private void Refresh()
    {
        lock (_sync)
        {
            if (_generation == registry.Generation)
            {
                return;
            }

            var docs = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            var paths = new JsonObject();
            foreach (var gv in registry.All.GroupBy(r => (r.Group, r.Version)))
            {
                var key = gv.Key.Group.Length == 0 ? $"api/{gv.Key.Version}" : $"apis/{gv.Key.Group}/{gv.Key.Version}";
                var bytes = JsonObjects.ToBytes(Build(gv.ToList()));
                docs[key] = bytes;
                var hash = Convert.ToHexString(SHA512.HashData(bytes));
                paths[key] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3/{key}?hash={hash}" };
            }

            _root = JsonObjects.ToBytes(new JsonObject { ["paths"] = paths });
            _docs = docs;
            _generation = registry.Generation;
        }
    }

    private static JsonObject Build(List<ResourceType> types)
    {
        var paths = new JsonObject();
        var schemas = new JsonObject();
        foreach (var r in types.Where(t => !t.Virtual))
        {
            var gvk = new JsonObject { ["group"] = r.Group, ["version"] = r.Version, ["kind"] = r.Kind };
            var item = r.Namespaced
                ? $"{r.PathPrefix}/namespaces/{{namespace}}/{r.Plural}/{{name}}"
                : $"{r.PathPrefix}/{r.Plural}/{{name}}";
            var parameters = new JsonArray(
                Param("name", "path", required: true),
                Param("dryRun", "query"),
                Param("fieldManager", "query"),
                Param("fieldValidation", "query"),
                Param("force", "query"));
            if (r.Namespaced)
            {
                parameters.Add(Param("namespace", "path", required: true));
            }

            var schemaName = SchemaName(r);
            // Built-in kinds get no schema: kubectl then falls back to its compiled-in patch metadata
            // (reference §4); CRDs publish theirs so `kubectl explain` works.
            var okResponse = new JsonObject { ["description"] = "OK" };
            if (r.Crd is not null)
            {
                okResponse["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = new JsonObject { ["$ref"] = $"#/components/schemas/{schemaName}" } } };
            }

            var response = new JsonObject { ["200"] = okResponse };
            paths[item] = new JsonObject
            {
                ["get"] = new JsonObject
                {
                    ["operationId"] = $"read{r.Kind}",
                    ["x-kubernetes-action"] = "get",
                    ["x-kubernetes-group-version-kind"] = gvk.DeepClone(),
                    ["responses"] = response.DeepClone(),
                },
                ["patch"] = new JsonObject
                {
                    ["operationId"] = $"patch{r.Kind}",
                    ["x-kubernetes-action"] = "patch",
                    ["x-kubernetes-group-version-kind"] = gvk.DeepClone(),
                    ["requestBody"] = new JsonObject { ["content"] = PatchContent(strategic: r.Crd is null), ["required"] = true },
                    ["parameters"] = parameters,
                    ["responses"] = response,
                },
            };

            if (r.Crd?.Schema is not { } crdSchema)
            {
                continue;
            }

            var schema = (JsonObject)crdSchema.DeepClone();
            var props = schema["properties"] as JsonObject ?? [];
            props["apiVersion"] ??= new JsonObject { ["type"] = "string" };
            props["kind"] ??= new JsonObject { ["type"] = "string" };
            props["metadata"] = ObjectMetaSchema();
            schema["properties"] = props;
            schema["x-kubernetes-group-version-kind"] = new JsonArray(gvk.DeepClone());
            schemas[schemaName] = schema;
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = ServerInfo.GitVersion },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas },
        };
    }

    /// <summary>
    /// Accepted patch bodies. kubectl computes a strategic merge patch only when the operation lists
    /// that type, which custom resources must not (they answer 415 to it, as upstream).
    /// </summary>
    private static JsonObject PatchContent(bool strategic)
    {
        var content = new JsonObject();
        var types = strategic
            ? new[] { "application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json", "application/strategic-merge-patch+json" }
            : ["application/apply-patch+yaml", "application/json-patch+json", "application/merge-patch+json"];
        foreach (var t in types)
        {
            content[t] = new JsonObject { ["schema"] = new JsonObject { ["type"] = "object" } };
        }

        return content;
    }

    /// <summary>The ObjectMeta fields kubectl looks up when it computes apply patches from a CRD schema.</summary>
    private static JsonObject ObjectMetaSchema()
    {
        JsonObject Str() => new() { ["type"] = "string" };
        JsonObject Map() => new() { ["type"] = "object", ["additionalProperties"] = Str() };
        return new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject
            {
                ["name"] = Str(),
                ["namespace"] = Str(),
                ["generateName"] = Str(),
                ["uid"] = Str(),
                ["resourceVersion"] = Str(),
                ["generation"] = new JsonObject { ["type"] = "integer", ["format"] = "int64" },
                ["creationTimestamp"] = new JsonObject { ["type"] = "string", ["format"] = "date-time" },
                ["deletionTimestamp"] = new JsonObject { ["type"] = "string", ["format"] = "date-time" },
                ["labels"] = Map(),
                ["annotations"] = Map(),
                ["finalizers"] = new JsonObject { ["type"] = "array", ["items"] = Str(), ["x-kubernetes-list-type"] = "set" },
                ["ownerReferences"] = new JsonObject
                {
                    ["type"] = "array",
                    ["items"] = new JsonObject { ["type"] = "object", ["x-kubernetes-map-type"] = "atomic" },
                    ["x-kubernetes-list-type"] = "map",
                    ["x-kubernetes-list-map-keys"] = new JsonArray("uid"),
                    ["x-kubernetes-patch-merge-key"] = "uid",
                    ["x-kubernetes-patch-strategy"] = "merge",
                },
                ["managedFields"] = new JsonObject { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "object" } },
            },
        };
    }

    private static string SchemaName(ResourceType r)
    {
        var reversed = string.Join('.', r.Group.Split('.').Reverse());
        return r.Group.Length == 0 ? $"io.k8s.api.core.{r.Version}.{r.Kind}" : $"{reversed}.{r.Version}.{r.Kind}";
    }

    private static JsonObject Param(string name, string where, bool required = false)
    {
        var p = new JsonObject { ["name"] = name, ["in"] = where, ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true } };
        if (required)
        {
            p["required"] = true;
        }

        return p;
    }
}
