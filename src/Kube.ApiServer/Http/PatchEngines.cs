using System.Text.Json.Nodes;
using Kube.ApiServer.Crd;
using Kube.ApiServer.Patching;

namespace Kube.ApiServer.Http;

/// <summary>
/// The one place the request pipeline calls the patch engines of <c>Patching/</c>, adding what only
/// the server knows: CRD list types for server-side apply, and the 409 Status for apply conflicts.
/// </summary>
internal static class PatchEngines
{
    public static JsonNode Json(JsonNode target, JsonNode patch) => JsonPatch.Apply(target, patch);

    public static JsonNode Merge(JsonNode target, JsonNode patch) => MergePatch.Apply(target, patch);

    public static JsonNode Strategic(JsonNode target, JsonNode patch, string apiVersion, string kind) =>
        StrategicMergePatch.Apply(target, patch, apiVersion, kind);

    public static JsonObject Apply(
        JsonObject? live, JsonObject applied, string manager, string apiVersion, string kind, bool force, DateTimeOffset time,
        JsonObject? schema, string? subresource)
    {
        var result = ServerSideApply.Apply(live, applied, new ApplyOptions(manager, force, apiVersion, kind, time, CrdListTypes.For(schema), subresource));
        if (result.HasConflicts)
        {
            var status = result.ToConflictStatus();
            throw new ApiException(409, "Conflict", result.ConflictMessage, status["details"]?.DeepClone() as JsonObject);
        }

        return result.Object!;
    }

    public static void RecordUpdate(JsonObject? oldObj, JsonObject newObj, string manager, string apiVersion, DateTimeOffset time, string? subresource, JsonObject? schema) =>
        ManagedFields.RecordUpdate(oldObj, newObj, manager, apiVersion, time, subresource, CrdListTypes.For(schema));
}
