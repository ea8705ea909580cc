using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Kube.ApiServer.Http;

namespace Kube.ApiServer.Resources;

/// <summary>
/// Type-specific write rules of the built-in kinds (what upstream calls a registry strategy):
/// defaults set on create, fields folded or frozen on update, and metadata validation that answers
/// 422 with one cause per field, as the real apiserver does.
/// </summary>
internal static class ObjectRules
{
    public static void PrepareCreate(ResourceType rt, JsonObject obj, string name)
    {
        switch (rt.Behavior)
        {
            case ResourceBehavior.Secret:
                FoldStringData(obj, name);
                obj["type"] ??= "Opaque";
                break;
            case ResourceBehavior.Namespace:
                var spec = obj["spec"] as JsonObject ?? [];
                spec["finalizers"] ??= new JsonArray("kubernetes");
                obj["spec"] = spec;
                obj["status"] = new JsonObject { ["phase"] = "Active" };
                break;
            case ResourceBehavior.Service:
                DefaultService(obj);
                break;
            case ResourceBehavior.Deployment:
                var dspec = obj["spec"] as JsonObject ?? [];
                dspec["replicas"] ??= 1;
                obj["spec"] = dspec;
                break;
        }

        if (rt.Behavior == ResourceBehavior.Namespace)
        {
            var meta = JsonObjects.Metadata(obj);
            var labels = meta["labels"] as JsonObject ?? [];
            labels["kubernetes.io/metadata.name"] = name;
            meta["labels"] = labels;
        }
    }

    /// <summary>Rules of an update on the main endpoint, after the new object has inherited server-owned metadata.</summary>
    public static void PrepareUpdate(ResourceType rt, JsonObject current, JsonObject obj, string name)
    {
        switch (rt.Behavior)
        {
            case ResourceBehavior.Secret:
                FoldStringData(obj, name);
                obj["type"] ??= current["type"]?.DeepClone() ?? "Opaque";
                if (!JsonNode.DeepEquals(obj["type"], current["type"]))
                {
                    throw ApiException.Invalid("Secret", null, name, "type", $"Invalid value: {obj["type"]?.ToJsonString()}: field is immutable", "FieldValueInvalid");
                }

                CheckImmutable(rt, current, obj, name, "data", "stringData");
                break;
            case ResourceBehavior.ConfigMap:
                CheckImmutable(rt, current, obj, name, "data", "binaryData");
                break;
            case ResourceBehavior.Namespace:
                // Namespace status (phase) is server-owned; spec.finalizers only change through /finalize.
                obj["status"] = current["status"]?.DeepClone();
                obj["spec"] = current["spec"]?.DeepClone();
                var labels = JsonObjects.Metadata(obj)["labels"] as JsonObject ?? [];
                labels["kubernetes.io/metadata.name"] = name;
                JsonObjects.Metadata(obj)["labels"] = labels;
                break;
            case ResourceBehavior.Service:
                DefaultService(obj);
                break;
        }
    }

    public static List<FieldError> ValidateMetadata(ResourceType rt, JsonObject obj, string name)
    {
        var errors = new List<FieldError>();
        var labelName = rt.Behavior is ResourceBehavior.Namespace or ResourceBehavior.Service;
        if (labelName ? !IsDnsLabel(name) : !IsDnsSubdomain(name))
        {
            var what = labelName
                ? "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
                : "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
            errors.Add(new FieldError("metadata.name", $"Invalid value: \"{name}\": {what}"));
        }

        var meta = JsonObjects.Metadata(obj);
        if (meta["labels"] is JsonObject labels)
        {
            foreach (var (k, v) in labels)
            {
                if (!IsQualifiedName(k))
                {
                    errors.Add(new FieldError("metadata.labels", $"Invalid value: \"{k}\": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"));
                }

                var value = v is JsonValue jv && jv.TryGetValue<string>(out var s) ? s : null;
                if (value is null || (value.Length > 0 && !NameSyntax.IsLabelValueShape(value)) || value.Length > 63)
                {
                    errors.Add(new FieldError("metadata.labels", $"Invalid value: \"{value}\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"));
                }
            }
        }

        if (meta["annotations"] is JsonObject annotations && annotations.Sum(a => a.Key.Length + (a.Value?.ToJsonString().Length ?? 0)) > 256 * 1024)
        {
            errors.Add(new FieldError("metadata.annotations", "Too long: must have at most 262144 bytes", "FieldValueTooLong"));
        }

        if (meta["ownerReferences"] is JsonArray owners)
        {
            var controllers = 0;
            for (var i = 0; i < owners.Count; i++)
            {
                var o = owners[i] as JsonObject;
                foreach (var f in new[] { "apiVersion", "kind", "name", "uid" })
                {
                    if (JsonObjects.Str(o, f) is null or "")
                    {
                        errors.Add(new FieldError($"metadata.ownerReferences[{i}].{f}", "Required value", "FieldValueRequired"));
                    }
                }

                if (o?["controller"] is JsonValue c && c.TryGetValue<bool>(out var isController) && isController)
                {
                    controllers++;
                }
            }

            if (controllers > 1)
            {
                errors.Add(new FieldError("metadata.ownerReferences", "Invalid value: Only one reference can have Controller set to true"));
            }
        }

        return errors;
    }

    public static bool IsDnsLabel(string s) => s.Length is > 0 and <= 63 && NameSyntax.IsDnsLabelShape(s);

    public static bool IsDnsSubdomain(string s) => s.Length is > 0 and <= 253 && NameSyntax.IsDnsSubdomainShape(s);

    /// <summary>
    /// Secret <c>stringData</c> is write-only convenience: merged into <c>data</c> (base64) on every
    /// write and never stored. Invalid base64 in <c>data</c> is a decoding error (400), as upstream.
    /// </summary>
    private static void FoldStringData(JsonObject obj, string name)
    {
        var data = obj["data"] as JsonObject;
        if (data is not null)
        {
            foreach (var (k, v) in data)
            {
                var s = v is JsonValue jv && jv.TryGetValue<string>(out var str) ? str : null;
                if (s is null || !IsBase64(s))
                {
                    throw ApiException.BadRequest($"Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data in data[\"{k}\"] of secret \"{name}\"");
                }
            }
        }

        if (obj["stringData"] is JsonObject sd)
        {
            data ??= [];
            foreach (var (k, v) in sd)
            {
                var s = v is JsonValue jv && jv.TryGetValue<string>(out var str) ? str : v?.ToJsonString() ?? string.Empty;
                data[k] = Convert.ToBase64String(Encoding.UTF8.GetBytes(s));
            }

            obj["data"] = data;
        }

        obj.Remove("stringData");
        if (data is not null)
        {
            foreach (var (k, _) in data)
            {
                if (!NameSyntax.IsConfigKey(k))
                {
                    throw ApiException.Invalid("Secret", null, name, $"data[{k}]", $"Invalid value: \"{k}\": a valid config key must consist of alphanumeric characters, '-', '_' or '.'");
                }
            }
        }
    }

    private static bool IsBase64(string s)
    {
        if (s.Length % 4 != 0)
        {
            return false;
        }

        var buffer = new byte[s.Length];
        return Convert.TryFromBase64String(s, buffer, out _);
    }

    private static void CheckImmutable(ResourceType rt, JsonObject current, JsonObject obj, string name, string field1, string field2)
    {
        if (current["immutable"] is JsonValue im && im.TryGetValue<bool>(out var frozen) && frozen)
        {
            if (!JsonNode.DeepEquals(current[field1], obj[field1]) || !JsonNode.DeepEquals(current[field2], obj[field2]))
            {
                throw ApiException.Invalid(rt.Kind, null, name, field1, "Forbidden: field is immutable when `immutable` is set", "FieldValueForbidden");
            }

            if (obj["immutable"] is not JsonValue now || !now.TryGetValue<bool>(out var stillFrozen) || !stillFrozen)
            {
                throw ApiException.Invalid(rt.Kind, null, name, "immutable", "Forbidden: field is immutable when `immutable` is set", "FieldValueForbidden");
            }
        }
    }

    private static void DefaultService(JsonObject obj)
    {
        var spec = obj["spec"] as JsonObject ?? [];
        obj["spec"] = spec;
        spec["type"] ??= "ClusterIP";
        spec["sessionAffinity"] ??= "None";
        if (spec["clusterIP"] is null && (string?)spec["type"] != "ExternalName")
        {
            // No service network exists here; a stable fake address keeps clients that read it happy.
            var b = RandomNumberGenerator.GetBytes(2);
            spec["clusterIP"] = $"10.96.{b[0]}.{Math.Max((int)b[1], 1)}";
        }

        if (spec["clusterIP"] is JsonValue ip && spec["clusterIPs"] is null)
        {
            spec["clusterIPs"] = new JsonArray(ip.DeepClone());
        }

        if (spec["ports"] is JsonArray ports)
        {
            foreach (var p in ports.OfType<JsonObject>())
            {
                p["protocol"] ??= "TCP";
                p["targetPort"] ??= p["port"]?.DeepClone();
            }
        }

        obj["status"] ??= new JsonObject { ["loadBalancer"] = new JsonObject() };
    }

    private static bool IsQualifiedName(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var name = slash >= 0 ? key[(slash + 1)..] : key;
        if (slash >= 0 && !IsDnsSubdomain(key[..slash]))
        {
            return false;
        }

        return name.Length is > 0 and <= 63 && NameSyntax.IsLabelValueShape(name);
    }
}
