using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kube.ApiServer.Resources;

namespace Kube.ApiServer.Crd;

/// <summary>
/// A CRD version's <c>subresources.scale</c>: where replicas live in the custom resource, mapped to
/// and from an <c>autoscaling/v1 Scale</c> as apiextensions-apiserver does (paths are simple
/// dotted JSON paths such as <c>.spec.replicas</c>).
/// </summary>
internal sealed partial record ScaleSubresource(string SpecReplicasPath, string StatusReplicasPath, string? LabelSelectorPath)
{
    public static ScaleSubresource? From(JsonObject? scale) =>
        scale is null || JsonObjects.Str(scale, "specReplicasPath") is not { Length: > 0 } spec
            ? null
            : new ScaleSubresource(spec, JsonObjects.Str(scale, "statusReplicasPath") ?? ".status.replicas", JsonObjects.Str(scale, "labelSelectorPath"));

    /// <summary>
    /// apiextensions' checks of <c>subresources.scale</c>: both replicas paths are required simple
    /// JSON paths, the spec one under <c>.spec</c>, the status one under <c>.status</c>, a label
    /// selector path under either.
    /// </summary>
    public static void Validate(JsonObject? scale, string path, List<Http.FieldError> errors)
    {
        if (scale is null)
        {
            return;
        }

        Check("specReplicasPath", required: true, ".spec.");
        Check("statusReplicasPath", required: true, ".status.");
        Check("labelSelectorPath", required: false, ".spec.", ".status.");

        void Check(string field, bool required, params string[] under)
        {
            var value = JsonObjects.Str(scale, field);
            var where = $"{path}.{field}";
            if (string.IsNullOrEmpty(value))
            {
                if (required)
                {
                    errors.Add(new Http.FieldError(where, "Required value", "FieldValueRequired"));
                }

                return;
            }

            if (!SimplePath().IsMatch(value))
            {
                errors.Add(new Http.FieldError(where, $"Invalid value: \"{value}\": must be a simple json path starting with . and without array indices"));
            }
            else if (!under.Any(p => value.StartsWith(p, StringComparison.Ordinal)))
            {
                var target = under.Length == 1 ? under[0].TrimEnd('.') : "either .spec or .status";
                errors.Add(new Http.FieldError(where, $"Invalid value: \"{value}\": should be a json path under {target}"));
            }
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(\.[A-Za-z0-9_-]+)+$")]
    private static partial System.Text.RegularExpressions.Regex SimplePath();

    /// <summary>The Scale view of a custom resource; absent or non-integer replicas read as 0, as upstream's NestedInt64 lookups do.</summary>
    public JsonObject ToScale(JsonObject cr)
    {
        var meta = JsonObjects.Metadata(cr);
        var scaleMeta = new JsonObject { ["name"] = JsonObjects.Str(meta, "name") };
        if (JsonObjects.Str(meta, "namespace") is { Length: > 0 } ns)
        {
            scaleMeta["namespace"] = ns;
        }

        scaleMeta["uid"] = JsonObjects.Str(meta, "uid");
        scaleMeta["resourceVersion"] = JsonObjects.Str(meta, "resourceVersion");
        scaleMeta["creationTimestamp"] = JsonObjects.Str(meta, "creationTimestamp");

        // autoscaling/v1 ScaleSpec.replicas is omitempty; ScaleStatus.replicas is not.
        var spec = new JsonObject();
        if (Int(Find(cr, SpecReplicasPath)) is { } desired and not 0)
        {
            spec["replicas"] = desired;
        }

        var status = new JsonObject { ["replicas"] = Int(Find(cr, StatusReplicasPath)) ?? 0 };
        if (LabelSelectorPath is not null && Find(cr, LabelSelectorPath) is JsonValue v && v.TryGetValue<string>(out var selector) && selector.Length > 0)
        {
            status["selector"] = selector;
        }

        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = scaleMeta,
            ["spec"] = spec,
            ["status"] = status,
        };
    }

    /// <summary>
    /// The custom resource with the Scale's desired replicas written at the spec path (parents
    /// created as needed) and, when the Scale carries one, its resourceVersion as the update
    /// precondition. Negative or non-integer replicas are 422 for <c>Scale.autoscaling</c>, as upstream.
    /// </summary>
    public JsonObject Apply(JsonObject cr, JsonObject scale, string name)
    {
        var replicasNode = JsonObjects.Obj(scale, "spec")?["replicas"];
        long replicas = 0;
        if (replicasNode is not null)
        {
            if (replicasNode.GetValueKind() != JsonValueKind.Number
                || !long.TryParse(replicasNode.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out replicas)
                || replicas > int.MaxValue)
            {
                throw Http.ApiException.Invalid("Scale", "autoscaling", name, "spec.replicas", $"Invalid value: {replicasNode.ToJsonString()}: must be a 32-bit integer");
            }

            if (replicas < 0)
            {
                throw Http.ApiException.Invalid("Scale", "autoscaling", name, "spec.replicas", $"Invalid value: {replicas}: must be greater than or equal to 0");
            }
        }

        var next = (JsonObject)cr.DeepClone();
        var parts = SpecReplicasPath.TrimStart('.').Split('.');
        var parent = next;
        foreach (var part in parts[..^1])
        {
            if (parent[part] is not JsonObject child)
            {
                child = [];
                parent[part] = child;
            }

            parent = child;
        }

        // Parsed rather than constructed: the rest of the pipeline reads numbers as JsonElement-backed values.
        parent[parts[^1]] = JsonNode.Parse(replicas.ToString(CultureInfo.InvariantCulture));
        if (JsonObjects.Str(JsonObjects.Obj(scale, "metadata"), "resourceVersion") is { Length: > 0 } rv)
        {
            JsonObjects.Metadata(next)["resourceVersion"] = rv;
        }

        return next;
    }

    private static JsonNode? Find(JsonObject obj, string path)
    {
        JsonNode? node = obj;
        foreach (var part in path.TrimStart('.').Split('.'))
        {
            node = (node as JsonObject)?[part];
        }

        return node;
    }

    private static int? Int(JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.Number && int.TryParse(node.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) ? n : null;
}
