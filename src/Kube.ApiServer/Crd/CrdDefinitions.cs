using System.Text.Json.Nodes;
using Kube.ApiServer.Http;
using Kube.ApiServer.Resources;

namespace Kube.ApiServer.Crd;

/// <summary>
/// Turns CustomResourceDefinition objects into served resource types, validates them as the
/// apiextensions apiserver does (the essential rules), and writes the status a CRD gets once
/// established (<c>NamesAccepted</c>, <c>Established</c>, <c>acceptedNames</c>, <c>storedVersions</c>).
/// </summary>
internal static class CrdDefinitions
{
    public static List<FieldError> Validate(JsonObject crd)
    {
        var errors = new List<FieldError>();
        var spec = JsonObjects.Obj(crd, "spec");
        var name = JsonObjects.Str(JsonObjects.Obj(crd, "metadata"), "name") ?? string.Empty;
        var group = JsonObjects.Str(spec, "group") ?? string.Empty;
        var names = JsonObjects.Obj(spec, "names");
        var plural = JsonObjects.Str(names, "plural") ?? string.Empty;
        if (group.Length == 0 || !group.Contains('.', StringComparison.Ordinal))
        {
            errors.Add(new FieldError("spec.group", $"Invalid value: \"{group}\": should be a domain with at least one dot"));
        }

        if (plural.Length == 0)
        {
            errors.Add(new FieldError("spec.names.plural", "Required value", "FieldValueRequired"));
        }

        if (JsonObjects.Str(names, "kind") is null or "")
        {
            errors.Add(new FieldError("spec.names.kind", "Required value", "FieldValueRequired"));
        }

        if (name != $"{plural}.{group}")
        {
            errors.Add(new FieldError("metadata.name", $"Invalid value: \"{name}\": must be spec.names.plural+\".\"+spec.group"));
        }

        if (JsonObjects.Str(spec, "scope") is not ("Namespaced" or "Cluster"))
        {
            errors.Add(new FieldError("spec.scope", "Unsupported value: must be one of \"Cluster\", \"Namespaced\"", "FieldValueNotSupported"));
        }

        var versions = spec?["versions"] as JsonArray;
        if (versions is null || versions.Count == 0)
        {
            errors.Add(new FieldError("spec.versions", "Invalid value: must have exactly one version marked as storage version"));
        }
        else
        {
            var storage = versions.OfType<JsonObject>().Count(v => v["storage"] is JsonValue s && s.TryGetValue<bool>(out var b) && b);
            if (storage != 1)
            {
                errors.Add(new FieldError("spec.versions", $"Invalid value: must have exactly one version marked as storage version"));
            }

            for (var i = 0; i < versions.Count; i++)
            {
                var v = versions[i] as JsonObject;
                if (JsonObjects.Str(v, "name") is null or "")
                {
                    errors.Add(new FieldError($"spec.versions[{i}].name", "Required value", "FieldValueRequired"));
                }

                ScaleSubresource.Validate(
                    JsonObjects.Obj(JsonObjects.Obj(v, "subresources") ?? JsonObjects.Obj(spec, "subresources"), "scale"), $"spec.versions[{i}].subresources.scale", errors);
                if (JsonObjects.Obj(JsonObjects.Obj(v, "schema"), "openAPIV3Schema") is null)
                {
                    errors.Add(new FieldError($"spec.versions[{i}].schema.openAPIV3Schema", "Required value: schemas are required", "FieldValueRequired"));
                }
            }
        }

        return errors;
    }

    public static List<ResourceType> ToResourceTypes(JsonObject crd)
    {
        var spec = JsonObjects.Obj(crd, "spec")!;
        var crdName = JsonObjects.Str(JsonObjects.Obj(crd, "metadata"), "name")!;
        var names = JsonObjects.Obj(spec, "names")!;
        var plural = JsonObjects.Str(names, "plural")!;
        var kind = JsonObjects.Str(names, "kind")!;
        var singular = JsonObjects.Str(names, "singular") ?? kind.ToLowerInvariant();
        var list = new List<ResourceType>();
        foreach (var v in (spec["versions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var served = v["served"] is JsonValue s && s.TryGetValue<bool>(out var sb) && sb;
            if (!served)
            {
                continue;
            }

            var columns = new List<PrinterColumn>();
            foreach (var c in (v["additionalPrinterColumns"] as JsonArray ?? []).OfType<JsonObject>())
            {
                columns.Add(new PrinterColumn(
                    JsonObjects.Str(c, "name") ?? string.Empty,
                    JsonObjects.Str(c, "type") ?? "string",
                    JsonObjects.Str(c, "format") ?? string.Empty,
                    JsonObjects.Str(c, "description") ?? string.Empty,
                    c["priority"] is JsonValue p && p.TryGetValue<int>(out var pi) ? pi : 0,
                    JsonObjects.Str(c, "jsonPath") ?? string.Empty));
            }

            var storage = v["storage"] is JsonValue st && st.TryGetValue<bool>(out var stb) && stb;
            var schema = JsonObjects.Obj(JsonObjects.Obj(v, "schema"), "openAPIV3Schema");
            var subresources = JsonObjects.Obj(v, "subresources") ?? JsonObjects.Obj(spec, "subresources");
            list.Add(new ResourceType
            {
                Group = JsonObjects.Str(spec, "group")!,
                Version = JsonObjects.Str(v, "name")!,
                Plural = plural,
                Singular = singular,
                Kind = kind,
                Namespaced = JsonObjects.Str(spec, "scope") == "Namespaced",
                ShortNames = JsonObjects.StringList(names, "shortNames"),
                Categories = JsonObjects.StringList(names, "categories"),
                HasStatus = subresources?["status"] is not null,
                Scale = ScaleSubresource.From(subresources?["scale"] as JsonObject),
                TracksGeneration = true,
                Behavior = ResourceBehavior.CustomResource,
                Crd = new CrdVersion(crdName, JsonObjects.Str(v, "name")!, served, storage, (JsonObject?)schema?.DeepClone(), columns),
            });
        }

        return list;
    }

    /// <summary>Sets the status a healthy CRD reports once it is served (kubectl wait --for=condition=Established).</summary>
    public static void MarkEstablished(JsonObject crd, string now)
    {
        var spec = JsonObjects.Obj(crd, "spec")!;
        var previous = JsonObjects.Obj(crd, "status");
        var stored = JsonObjects.StringList(previous, "storedVersions");
        foreach (var v in (spec["versions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (v["storage"] is JsonValue st && st.TryGetValue<bool>(out var b) && b && JsonObjects.Str(v, "name") is { } n && !stored.Contains(n))
            {
                stored.Add(n);
            }
        }

        crd["status"] = new JsonObject
        {
            ["conditions"] = new JsonArray(
                Condition("NamesAccepted", "NoConflicts", "no conflicts found", now),
                Condition("Established", "InitialNamesAccepted", "the initial names have been accepted", now)),
            ["acceptedNames"] = spec["names"]?.DeepClone(),
            ["storedVersions"] = new JsonArray([.. stored.Select(s => (JsonNode)s)]),
        };
    }

    private static JsonObject Condition(string type, string reason, string message, string now) => new()
    {
        ["type"] = type,
        ["status"] = "True",
        ["lastTransitionTime"] = now,
        ["reason"] = reason,
        ["message"] = message,
    };
}
