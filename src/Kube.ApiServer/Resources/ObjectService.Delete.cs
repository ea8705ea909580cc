using System.Globalization;
using System.Text.Json.Nodes;
using Kube.ApiServer.Http;

namespace Kube.ApiServer.Resources;

/// <summary>Deletion: preconditions, finalizers and deletionTimestamp, propagation policies, CRD and namespace specifics.</summary>
internal sealed partial class ObjectService
{
    public const string ForegroundFinalizer = "foregroundDeletion";
    public const string OrphanFinalizer = "orphan";
    public const string NamespaceFinalizer = "kubernetes";

    public async Task<WriteResult> DeleteAsync(ResourceType rt, string ns, string name, DeleteRequest request, CancellationToken ct)
    {
        using (await Store.AcquireWriteAsync(ct))
        {
            return DeleteLocked(rt, ns, name, request);
        }
    }

    internal WriteResult DeleteLocked(ResourceType rt, string ns, string name, DeleteRequest request)
    {
        var stored = Store.Get(rt.StorageKey, ns, name) ?? throw ApiException.NotFound(rt.Plural, rt.Group, name);
        var obj = Read(rt, stored);
        var meta = JsonObjects.Metadata(obj);
        if (request.PreconditionUid is { Length: > 0 } uid && uid != stored.Uid)
        {
            throw ApiException.Conflict(rt.Plural, rt.Group, name, $"Precondition failed: UID in precondition: {uid}, UID in object meta: {stored.Uid}");
        }

        var rvText = stored.Rv.ToString(CultureInfo.InvariantCulture);
        if (request.PreconditionResourceVersion is { Length: > 0 } rv && rv != rvText)
        {
            throw ApiException.Conflict(rt.Plural, rt.Group, name, $"Precondition failed: ResourceVersion in precondition: {rv}, ResourceVersion in object meta: {rvText}");
        }

        if (request.DryRun)
        {
            return new WriteResult(obj, Removed: true);
        }

        var finalizers = JsonObjects.StringList(meta, "finalizers");
        var policy = request.PropagationPolicy ?? "Background";
        if (rt.Behavior == ResourceBehavior.Namespace)
        {
            // Namespaces always terminate first; the namespace controller (our GC) empties them.
            if (meta["deletionTimestamp"] is null)
            {
                meta["deletionTimestamp"] = Now();
                obj["status"] = new JsonObject { ["phase"] = "Terminating" };
                Commit(rt, ns, name, obj);
            }

            return new WriteResult(obj);
        }

        var extra = policy switch
        {
            "Foreground" => ForegroundFinalizer,
            "Orphan" => OrphanFinalizer,
            _ => null,
        };
        if (extra is not null && !finalizers.Contains(extra) && meta["deletionTimestamp"] is null)
        {
            finalizers.Add(extra);
            meta["finalizers"] = new JsonArray([.. finalizers.Select(f => (JsonNode)f)]);
        }

        if (finalizers.Count > 0)
        {
            if (meta["deletionTimestamp"] is null)
            {
                meta["deletionTimestamp"] = Now();
                meta["deletionGracePeriodSeconds"] = 0;
                if (meta["generation"] is JsonValue g && g.GetValue<long>() > 0)
                {
                    meta["generation"] = g.GetValue<long>() + 1;
                }

                Commit(rt, ns, name, obj);
            }

            return new WriteResult(obj);
        }

        RemoveLocked(rt, ns, name, obj);
        return new WriteResult(obj, Removed: true);
    }

    /// <summary>Removes the object now (DELETED event carrying the deletion revision); CRDs take their instances with them.</summary>
    internal void RemoveLocked(ResourceType rt, string ns, string name, JsonObject obj)
    {
        if (rt.Behavior == ResourceBehavior.CustomResourceDefinition)
        {
            var group = JsonObjects.Str(JsonObjects.Obj(obj, "spec"), "group") ?? string.Empty;
            var plural = JsonObjects.Str(JsonObjects.Obj(JsonObjects.Obj(obj, "spec"), "names"), "plural") ?? string.Empty;
            var key = $"{group}/{plural}";
            foreach (var instance in Store.List(key, null, out _))
            {
                var io = JsonObjects.ParseStored(instance.Json);
                JsonObjects.Metadata(io)["resourceVersion"] = Store.NextRevision.ToString(CultureInfo.InvariantCulture);
                Store.Delete(key, instance.Namespace, instance.Name, JsonObjects.ToBytes(io));
            }

            Registry.SetCustom(name, []);
        }

        JsonObjects.Metadata(obj)["resourceVersion"] = Store.NextRevision.ToString(CultureInfo.InvariantCulture);
        Store.Delete(rt.StorageKey, ns, name, JsonObjects.ToBytes(obj));
    }
}
