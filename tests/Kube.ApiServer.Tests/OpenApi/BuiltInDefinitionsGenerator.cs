using System.Collections;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using k8s;
using k8s.Models;
using Kube.ApiServer.Http;
using Kube.ApiServer.Resources;

namespace Kube.ApiServer.Tests.OpenApi;

/// <summary>
/// Writes <c>src/Kube.ApiServer/Http/BuiltInDefinitions.json</c>, the schemas of the built-in
/// kinds the server publishes in <c>/openapi/v2</c>, from the KubernetesClient models (which are
/// generated from the upstream OpenAPI spec). Types become OpenAPI v2 schemas the way kube-openapi
/// renders Go types: strings, int32/int64, booleans, date-time strings, base64 bytes, maps as
/// <c>additionalProperties</c>, lists as <c>items</c>, nested structs as <c>$ref</c> to a named
/// definition, Quantity and IntOrString as strings, free-form JSON as an untyped schema.
/// </summary>
internal static partial class BuiltInDefinitionsGenerator
{
    private const string MetaPackage = "io.k8s.apimachinery.pkg.apis.meta.v1";

    /// <summary>PodTemplateSpec is core/v1 upstream although only apps/v1 Deployment reaches it here.</summary>
    private const string CorePackage = "io.k8s.api.core.v1";

    /// <summary>Types that live in apimachinery's meta/v1 package upstream, whoever references them.</summary>
    private static readonly HashSet<Type> MetaTypes =
    [
        typeof(V1ObjectMeta), typeof(V1ManagedFieldsEntry), typeof(V1OwnerReference), typeof(V1LabelSelector),
        typeof(V1LabelSelectorRequirement), typeof(V1Condition), typeof(V1ListMeta),
    ];

    public static string Generate()
    {
        var definitions = new SortedDictionary<string, JsonObject>(StringComparer.Ordinal);
        var names = new Dictionary<Type, string>();
        var entities = typeof(V1Secret).Assembly.GetTypes()
            .Select(t => (Type: t, Entity: t.GetCustomAttribute<KubernetesEntityAttribute>()))
            .Where(e => e.Entity is not null)
            .ToList();
        foreach (var r in BuiltinResources.Create())
        {
            var type = entities.Single(e => e.Entity!.Group == r.Group && e.Entity.ApiVersion == r.Version && e.Entity.Kind == r.Kind).Type;
            var package = OpenApiSchemas.Package(r.Group, r.Version);
            Define(type, package, definitions, names);
        }

        var sb = new StringBuilder("{\n");
        var first = true;
        foreach (var (name, schema) in definitions)
        {
            sb.Append(first ? string.Empty : ",\n");
            first = false;
            sb.Append(JsonSerializer.Serialize(name)).Append(':').Append(schema.ToJsonString());
        }

        return sb.Append("\n}\n").ToString();
    }

    private static string Define(Type type, string package, SortedDictionary<string, JsonObject> definitions, Dictionary<Type, string> names)
    {
        if (names.TryGetValue(type, out var known))
        {
            return known;
        }

        var name = $"{(MetaTypes.Contains(type) ? MetaPackage : type == typeof(V1PodTemplateSpec) ? CorePackage : package)}.{ShortName(type)}";
        names[type] = name;
        var properties = new JsonObject();
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var json = p.GetCustomAttribute<JsonPropertyNameAttribute>();
            if (json is null)
            {
                continue;
            }

            properties[json.Name] = Schema(p.PropertyType, package, definitions, names);
        }

        definitions[name] = new JsonObject { ["type"] = "object", ["properties"] = properties };
        return name;
    }

    private static JsonObject Schema(Type type, string package, SortedDictionary<string, JsonObject> definitions, Dictionary<Type, string> names)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return new JsonObject { ["type"] = "string" };
        }

        if (type == typeof(int))
        {
            return new JsonObject { ["type"] = "integer", ["format"] = "int32" };
        }

        if (type == typeof(long))
        {
            return new JsonObject { ["type"] = "integer", ["format"] = "int64" };
        }

        if (type == typeof(double) || type == typeof(float))
        {
            return new JsonObject { ["type"] = "number", ["format"] = "double" };
        }

        if (type == typeof(bool))
        {
            return new JsonObject { ["type"] = "boolean" };
        }

        if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return new JsonObject { ["type"] = "string", ["format"] = "date-time" };
        }

        if (type == typeof(byte[]))
        {
            return new JsonObject { ["type"] = "string", ["format"] = "byte" };
        }

        if (type == typeof(ResourceQuantity))
        {
            return new JsonObject { ["type"] = "string", ["format"] = "quantity" };
        }

        if (type == typeof(IntOrString))
        {
            return new JsonObject { ["type"] = "string", ["format"] = "int-or-string" };
        }

        if (type == typeof(object) || type == typeof(JsonElement) || type == typeof(JsonNode))
        {
            return [];
        }

        if (Generic(type, typeof(IDictionary<,>)) is { } map)
        {
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = Schema(map[1], package, definitions, names) };
        }

        if (Generic(type, typeof(IList<>)) is { } list)
        {
            return new JsonObject { ["type"] = "array", ["items"] = Schema(list[0], package, definitions, names) };
        }

        if (type.IsClass && type.Namespace == typeof(V1Secret).Namespace && !typeof(IEnumerable).IsAssignableFrom(type))
        {
            return new JsonObject { ["$ref"] = $"#/definitions/{Define(type, package, definitions, names)}" };
        }

        throw new NotSupportedException($"no OpenAPI mapping for {type}");
    }

    private static Type[]? Generic(Type type, Type open)
    {
        if (type.IsGenericType && type.GetGenericTypeDefinition() == open)
        {
            return type.GetGenericArguments();
        }

        return type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == open)?.GetGenericArguments();
    }

    /// <summary><c>V1PodSpec</c> → <c>PodSpec</c>, <c>Corev1Event</c> → <c>Event</c>, <c>Apiextensionsv1ServiceReference</c> → <c>ServiceReference</c>.</summary>
    private static string ShortName(Type type) => VersionPrefix().Replace(type.Name, string.Empty);

    [GeneratedRegex("^(?:[A-Z][a-z]+)?[Vv][0-9]+(?:(?:alpha|beta)[0-9]+)?(?=[A-Z])")]
    private static partial Regex VersionPrefix();
}
