using System.Text.Json.Nodes;
using Kube.ApiServer.Resources;

namespace Kube.ApiServer.Http;

/// <summary>
/// The schemas the server publishes, keyed by upstream definition names
/// (<c>io.k8s.api.core.v1.Secret</c>, <c>com.example.v1.Widget</c>): the built-in kinds from
/// <c>BuiltInDefinitions.json</c> (generated from the KubernetesClient models by a test) and each
/// served CRD version's <c>openAPIV3Schema</c>. Kinds carry <c>x-kubernetes-group-version-kind</c>,
/// which is how kubectl finds the schema of a GVK.
/// </summary>
internal static class OpenApiSchemas
{
    public const string ObjectMeta = "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta";

    /// <summary>The keys of a Swagger 2.0 schema object that gnostic's <c>openapi_v2.Schema</c> carries.</summary>
    private static readonly HashSet<string> V2SchemaKeys = new(StringComparer.Ordinal)
    {
        "$ref", "format", "title", "description", "default", "multipleOf", "maximum", "exclusiveMaximum", "minimum",
        "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "maxProperties",
        "minProperties", "required", "enum", "additionalProperties", "type", "items", "allOf", "properties",
        "discriminator", "readOnly", "example",
    };

    private static readonly Lazy<JsonObject> BuiltIn = new(LoadBuiltIn);

    /// <summary>The package part of upstream definition names for a group-version.</summary>
    public static string Package(string group, string version)
    {
        if (group.Length == 0)
        {
            return $"io.k8s.api.core.{version}";
        }

        if (group == "apiextensions.k8s.io")
        {
            return $"io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.{version}";
        }

        if (group.EndsWith(".k8s.io", StringComparison.Ordinal) || !group.Contains('.', StringComparison.Ordinal))
        {
            return $"io.k8s.api.{group.Split('.')[0]}.{version}";
        }

        // Custom resources: the group reversed, as kube-apiserver names CRD definitions.
        return $"{string.Join('.', group.Split('.').Reverse())}.{version}";
    }

    public static string DefinitionName(ResourceType r) => $"{Package(r.Group, r.Version)}.{r.Kind}";

    public static JsonArray GroupVersionKinds(ResourceType r) =>
        [new JsonObject { ["group"] = r.Group, ["kind"] = r.Kind, ["version"] = r.Version }];

    /// <summary>
    /// Swagger 2.0 <c>definitions</c> for every served kind: built-ins (with the types they
    /// reference) and CRD schemas converted to what OpenAPI v2 and kubectl's validator can express.
    /// </summary>
    public static JsonObject V2Definitions(IEnumerable<ResourceType> types)
    {
        var definitions = (JsonObject)BuiltIn.Value.DeepClone();
        foreach (var r in types)
        {
            var name = DefinitionName(r);
            if (r.Crd is null)
            {
                if (definitions[name] is JsonObject builtIn)
                {
                    builtIn["x-kubernetes-group-version-kind"] = GroupVersionKinds(r);
                }

                continue;
            }

            if (r.Crd.Schema is not { } crdSchema)
            {
                continue;
            }

            var schema = ToV2(crdSchema);
            if (schema["properties"] is JsonObject props)
            {
                // A custom resource's envelope, as kube-apiserver adds it to the published schema.
                props["apiVersion"] = new JsonObject { ["type"] = "string" };
                props["kind"] = new JsonObject { ["type"] = "string" };
                props["metadata"] = new JsonObject { ["$ref"] = $"#/definitions/{ObjectMeta}" };
            }

            schema["x-kubernetes-group-version-kind"] = GroupVersionKinds(r);
            definitions[name] = schema;
        }

        return definitions;
    }

    /// <summary>
    /// A structural OpenAPI v3 schema as OpenAPI v2 (upstream <c>ToStructuralOpenAPIV2</c> rules,
    /// which exist because kubectl's v2 validator rejects what it cannot see): junctors
    /// (allOf/anyOf/oneOf/not) go; nullable values lose their type, properties and items (v2 has no
    /// null); nodes that preserve unknown fields lose properties and items (kubectl would report
    /// every other field as unknown); an array left without items loses its type (kubectl refuses
    /// item-less arrays); a required field that may be null is no longer required. Keys v2 cannot
    /// carry are dropped, vendor extensions (<c>x-</c>) kept.
    /// </summary>
    public static JsonObject ToV2(JsonObject v3)
    {
        var s = new JsonObject();
        foreach (var (key, value) in v3)
        {
            if (key is "allOf" or "anyOf" or "oneOf" or "not" || !(V2SchemaKeys.Contains(key) || key.StartsWith("x-", StringComparison.Ordinal)))
            {
                continue;
            }

            s[key] = key switch
            {
                "properties" when value is JsonObject props => ConvertProperties(props),
                "items" when value is JsonObject item => ToV2(item),
                "additionalProperties" when value is JsonObject extra => ToV2(extra),
                _ => value?.DeepClone(),
            };
        }

        if (IsTrue(v3, "nullable"))
        {
            s.Remove("type");
            s.Remove("items");
            s.Remove("properties");
        }

        if (IsTrue(v3, "x-kubernetes-preserve-unknown-fields"))
        {
            s.Remove("items");
            s.Remove("properties");
        }

        if (s["items"] is null && (string?)(s["type"] as JsonValue) == "array")
        {
            s.Remove("type");
        }

        if (s["required"] is JsonArray required)
        {
            var nullableExtra = v3["additionalProperties"] is JsonObject ap && IsTrue(ap, "nullable");
            var kept = new JsonArray();
            foreach (var field in required)
            {
                var name = (string?)field;
                if (!nullableExtra && name is not null && !(v3["properties"]?[name] is JsonObject p && IsTrue(p, "nullable")))
                {
                    kept.Add(name);
                }
            }

            if (kept.Count == 0)
            {
                s.Remove("required");
            }
            else
            {
                s["required"] = kept;
            }
        }

        return s;
    }

    private static JsonObject ConvertProperties(JsonObject props)
    {
        var converted = new JsonObject();
        foreach (var (name, value) in props)
        {
            converted[name] = value is JsonObject o ? ToV2(o) : new JsonObject();
        }

        return converted;
    }

    private static bool IsTrue(JsonObject o, string key) => o[key] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static JsonObject LoadBuiltIn()
    {
        using var stream = typeof(OpenApiSchemas).Assembly.GetManifestResourceStream("Kube.ApiServer.Http.BuiltInDefinitions.json")
            ?? throw new InvalidOperationException("BuiltInDefinitions.json is not embedded in Kube.ApiServer");
        return JsonNode.Parse(stream)?.AsObject() ?? throw new InvalidOperationException("BuiltInDefinitions.json is empty");
    }
}
