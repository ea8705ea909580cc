using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Kube.ApiServer.Http;

namespace Kube.ApiServer.Crd;

/// <summary>
/// Applies a CRD version's structural <c>openAPIV3Schema</c> to a custom resource the way the
/// apiextensions apiserver does: prune unknown fields (unless <c>x-kubernetes-preserve-unknown-fields</c>),
/// apply <c>default</c>s, then validate (type, required, enum, pattern, lengths, bounds, nullable,
/// int-or-string). Unknown fields are reported so <c>fieldValidation=Strict|Warn</c> can act on them.
/// CEL rules (<c>x-kubernetes-validations</c>) are not evaluated.
/// </summary>
internal static class SchemaProcessor
{
    public sealed class Result
    {
        public List<FieldError> Errors { get; } = [];

        public List<string> UnknownFields { get; } = [];
    }

    public static Result Process(JsonObject obj, JsonObject? schema)
    {
        var result = new Result();
        if (schema is null)
        {
            return result;
        }

        var props = schema["properties"] as JsonObject;
        foreach (var key in obj.Select(kv => kv.Key).ToList())
        {
            if (key is "apiVersion" or "kind" or "metadata")
            {
                continue;
            }

            if (props?[key] is JsonObject child)
            {
                obj[key] = Walk(obj[key], child, key, result);
            }
            else if (!Preserves(schema))
            {
                result.UnknownFields.Add(key);
                obj.Remove(key);
            }
        }

        ApplyDefaults(obj, schema, string.Empty, result);
        CheckRequired(obj, schema, string.Empty, result, skip: ["apiVersion", "kind", "metadata"]);
        return result;
    }

    private static bool Preserves(JsonObject schema) =>
        schema["x-kubernetes-preserve-unknown-fields"] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    private static JsonNode? Walk(JsonNode? value, JsonObject schema, string path, Result result)
    {
        if (value is null)
        {
            if (!(schema["nullable"] is JsonValue n && n.TryGetValue<bool>(out var nb) && nb))
            {
                // Upstream prunes nulls for non-nullable fields with defaults, else reports them.
                if (schema["default"] is null)
                {
                    result.Errors.Add(new FieldError(path, $"Invalid value: \"null\": {path} in body must be of type {TypeName(schema)}: \"null\"", "FieldValueTypeInvalid"));
                }
            }

            return value;
        }

        if (!CheckType(value, schema, path, result))
        {
            return value;
        }

        switch (value)
        {
            case JsonObject o:
                WalkObject(o, schema, path, result);
                break;
            case JsonArray a when schema["items"] is JsonObject items:
                for (var i = 0; i < a.Count; i++)
                {
                    var replaced = Walk(a[i], items, $"{path}[{i}]", result);
                    if (!ReferenceEquals(replaced, a[i]))
                    {
                        a[i] = replaced;
                    }
                }

                CheckCount(a.Count, schema, "Items", path, "items", result);
                break;
            case JsonValue v:
                CheckScalar(v, schema, path, result);
                break;
        }

        return value;
    }

    private static void WalkObject(JsonObject o, JsonObject schema, string path, Result result)
    {
        var embedded = schema["x-kubernetes-embedded-resource"] is JsonValue e && e.TryGetValue<bool>(out var eb) && eb;
        var props = schema["properties"] as JsonObject;
        var additional = schema["additionalProperties"];
        foreach (var key in o.Select(kv => kv.Key).ToList())
        {
            var childPath = path.Length == 0 ? key : $"{path}.{key}";
            if (props?[key] is JsonObject child)
            {
                o[key] = Walk(o[key], child, childPath, result);
            }
            else if (additional is JsonObject addSchema)
            {
                o[key] = Walk(o[key], addSchema, childPath, result);
            }
            else if ((additional is JsonValue av && av.TryGetValue<bool>(out var ab) && ab) || Preserves(schema)
                     || (embedded && key is "apiVersion" or "kind" or "metadata"))
            {
                continue;
            }
            else
            {
                result.UnknownFields.Add(childPath);
                o.Remove(key);
            }
        }

        ApplyDefaults(o, schema, path, result);
        CheckRequired(o, schema, path, result, skip: []);
        CheckCount(o.Count, schema, "Properties", path, "properties", result);
        CheckEnum(o, schema, path, result);
    }

    private static void ApplyDefaults(JsonObject o, JsonObject schema, string path, Result result)
    {
        if (schema["properties"] is not JsonObject props)
        {
            return;
        }

        foreach (var (key, childSchema) in props)
        {
            if (childSchema is JsonObject cs && cs["default"] is { } def && !o.ContainsKey(key))
            {
                var value = def.DeepClone();
                o[key] = value;
                if (value is JsonObject)
                {
                    Walk(value, cs, path.Length == 0 ? key : $"{path}.{key}", result);
                }
            }
        }
    }

    private static void CheckRequired(JsonObject o, JsonObject schema, string path, Result result, string[] skip)
    {
        foreach (var name in Resources.JsonObjects.StringList(schema, "required"))
        {
            if (!o.ContainsKey(name) && !skip.Contains(name))
            {
                result.Errors.Add(new FieldError(path.Length == 0 ? name : $"{path}.{name}", "Required value", "FieldValueRequired"));
            }
        }
    }

    private static bool CheckType(JsonNode value, JsonObject schema, string path, Result result)
    {
        if (schema["x-kubernetes-int-or-string"] is JsonValue ios && ios.TryGetValue<bool>(out var isIos) && isIos)
        {
            var k = value.GetValueKind();
            if (k is JsonValueKind.String or JsonValueKind.Number)
            {
                return true;
            }

            result.Errors.Add(new FieldError(path, $"Invalid value: \"{KindName(k)}\": {path} in body must be of type integer or string", "FieldValueTypeInvalid"));
            return false;
        }

        var type = Resources.JsonObjects.Str(schema, "type");
        if (type is null)
        {
            return true;
        }

        var kind = value.GetValueKind();
        var ok = type switch
        {
            "object" => kind == JsonValueKind.Object,
            "array" => kind == JsonValueKind.Array,
            "string" => kind == JsonValueKind.String,
            "boolean" => kind is JsonValueKind.True or JsonValueKind.False,
            "number" => kind == JsonValueKind.Number,
            "integer" => kind == JsonValueKind.Number && IsInteger(value),
            _ => true,
        };
        if (!ok)
        {
            result.Errors.Add(new FieldError(path, $"Invalid value: \"{KindName(kind)}\": {path} in body must be of type {type}: \"{KindName(kind)}\"", "FieldValueTypeInvalid"));
        }

        return ok;
    }

    private static void CheckScalar(JsonValue v, JsonObject schema, string path, Result result)
    {
        CheckEnum(v, schema, path, result);
        if (v.TryGetValue<string>(out var s))
        {
            if (schema["pattern"] is JsonValue p && p.TryGetValue<string>(out var pattern)
                && !Regex.IsMatch(s, pattern, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
            {
                result.Errors.Add(new FieldError(path, $"Invalid value: \"{s}\": {path} in body should match '{pattern}'"));
            }

            CheckCount(s.Length, schema, "Length", path, "chars long", result);
            return;
        }

        if (v.GetValueKind() == JsonValueKind.Number)
        {
            var d = v.GetValue<double>();
            if (schema["minimum"] is JsonValue min && d < min.GetValue<double>())
            {
                result.Errors.Add(new FieldError(path, $"Invalid value: {Num(d)}: {path} in body should be greater than or equal to {min}"));
            }

            if (schema["maximum"] is JsonValue max && d > max.GetValue<double>())
            {
                result.Errors.Add(new FieldError(path, $"Invalid value: {Num(d)}: {path} in body should be less than or equal to {max}"));
            }
        }
    }

    private static void CheckEnum(JsonNode value, JsonObject schema, string path, Result result)
    {
        if (schema["enum"] is JsonArray options && !options.Any(o => JsonNode.DeepEquals(o, value)))
        {
            var allowed = string.Join(", ", options.Select(o => o?.ToJsonString()));
            result.Errors.Add(new FieldError(path, $"Unsupported value: {value.ToJsonString()}: supported values: {allowed}", "FieldValueNotSupported"));
        }
    }

    private static void CheckCount(int count, JsonObject schema, string suffix, string path, string unit, Result result)
    {
        if (schema["min" + suffix] is JsonValue min && count < min.GetValue<int>())
        {
            result.Errors.Add(new FieldError(path, $"Invalid value: {count}: {path} in body should have at least {min} {unit}"));
        }

        if (schema["max" + suffix] is JsonValue max && count > max.GetValue<int>())
        {
            result.Errors.Add(new FieldError(path, $"Too long: may not be more than {max}", "FieldValueTooLong"));
        }
    }

    private static bool IsInteger(JsonNode value) =>
        double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && Math.Abs(d % 1) < double.Epsilon;

    private static string TypeName(JsonObject schema) => Resources.JsonObjects.Str(schema, "type") ?? "object";

    private static string Num(double d) => d.ToString(CultureInfo.InvariantCulture);

    private static string KindName(JsonValueKind k) => k switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        _ => "null",
    };
}
