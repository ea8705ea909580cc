using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Kube.ApiServer.Crd;
using Kube.ApiServer.Http;
using Kube.ApiServer.Storage;

namespace Kube.ApiServer.Resources;

/// <summary>
/// Every write goes through here (REST handlers, the garbage collector, namespace cleanup), so the
/// object rules of upstream's generic registry hold for all of them: server-owned metadata,
/// optimistic concurrency, generation, status subresource isolation, finalizers, CRD schema
/// processing and the post-commit hooks (default ServiceAccount, CRD registration).
/// </summary>
internal sealed partial class ObjectService
{
    private const string NameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    private readonly TimeProvider _time;

    public ObjectService(ObjectStore store, ResourceRegistry registry, TimeProvider time)
    {
        Store = store;
        Registry = registry;
        _time = time;
    }

    public ObjectStore Store { get; }

    public ResourceRegistry Registry { get; }

    public string Now() => JsonObjects.Timestamp(_time.GetUtcNow());

    public DateTimeOffset UtcNow => _time.GetUtcNow();

    /// <summary>A stored object as the given resource version serves it (CRD versions differ only in apiVersion).</summary>
    public static JsonObject Read(ResourceType rt, StoredObject o)
    {
        var obj = JsonObjects.ParseStored(o.Json);
        if (rt.Crd is not null && JsonObjects.Str(obj, "apiVersion") != rt.ApiVersion)
        {
            obj["apiVersion"] = rt.ApiVersion;
        }

        return obj;
    }

    public async Task<WriteResult> CreateAsync(ResourceType rt, string ns, JsonObject body, WriteOptions options, CancellationToken ct)
    {
        using (await Store.AcquireWriteAsync(ct))
        {
            return CreateLocked(rt, ns, body, options, urlName: null);
        }
    }

    /// <summary>
    /// Read-modify-write of one object under the write lock. <paramref name="compute"/> gets the current
    /// object (null when absent; only <see cref="UpdateKind.Apply"/> may then create) and returns the desired one.
    /// </summary>
    public async Task<WriteResult> UpdateAsync(
        ResourceType rt, string ns, string name, string? subresource, UpdateKind kind,
        Func<JsonObject?, JsonObject> compute, WriteOptions options, CancellationToken ct)
    {
        using (await Store.AcquireWriteAsync(ct))
        {
            return UpdateLocked(rt, ns, name, subresource, kind, compute, options);
        }
    }

    internal WriteResult UpdateLocked(
        ResourceType rt, string ns, string name, string? subresource, UpdateKind kind,
        Func<JsonObject?, JsonObject> compute, WriteOptions options)
    {
        var stored = Store.Get(rt.StorageKey, ns, name);
        var current = stored is null ? null : Read(rt, stored);
        if (current is null && kind != UpdateKind.Apply)
        {
            throw ApiException.NotFound(rt.Plural, rt.Group, name);
        }

        var desired = compute(current is null ? null : (JsonObject)current.DeepClone());
        if (current is null)
        {
            if (subresource is not null)
            {
                throw ApiException.NotFound(rt.Plural, rt.Group, name);
            }

            return CreateLocked(rt, ns, desired, options, urlName: name) with { Created = true };
        }

        return ReplaceLocked(rt, current, desired, subresource, kind, options);
    }

    internal WriteResult CreateLocked(ResourceType rt, string ns, JsonObject obj, WriteOptions options, string? urlName)
    {
        Normalize(rt, obj);
        var meta = JsonObjects.Metadata(obj);
        CheckNamespace(rt, meta, ns);
        var name = JsonObjects.Str(meta, "name") ?? string.Empty;
        if (urlName is not null && name != urlName)
        {
            throw ApiException.BadRequest($"the name of the object ({name}) does not match the name on the URL ({urlName})");
        }

        if (name.Length == 0)
        {
            name = GenerateName(rt, ns, JsonObjects.Str(meta, "generateName"));
            meta["name"] = name;
        }

        if (Store.Get(rt.StorageKey, ns, name) is not null)
        {
            throw ApiException.AlreadyExists(rt.Plural, rt.Group, name);
        }

        if (rt.Namespaced)
        {
            var nsObj = Store.Get("/namespaces", string.Empty, ns) ?? throw ApiException.NotFound("namespaces", null, ns);
            if (nsObj.Deleting)
            {
                throw ApiException.Forbidden($"{rt.Plural}{(rt.Group.Length > 0 ? "." + rt.Group : string.Empty)} \"{name}\" is forbidden: unable to create new content in namespace {ns} because it is being terminated");
            }
        }

        foreach (var f in new[] { "uid", "resourceVersion", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "selfLink" })
        {
            meta.Remove(f);
        }

        if (!options.ManagedFieldsComputed)
        {
            meta.Remove("managedFields");
        }

        if (rt.HasStatus && rt.Behavior != ResourceBehavior.CustomResourceDefinition)
        {
            obj.Remove("status");
        }

        ObjectRules.PrepareCreate(rt, obj, name);
        ApplyTypeRules(rt, obj, name, options);
        if (rt.Behavior == ResourceBehavior.CustomResourceDefinition)
        {
            CrdDefinitions.MarkEstablished(obj, Now());
        }

        // uid and timestamps go first in metadata after name/namespace, like upstream output.
        meta["uid"] = Guid.NewGuid().ToString();
        meta["creationTimestamp"] = Now();
        if (rt.TracksGeneration)
        {
            meta["generation"] = 1;
        }

        if (!options.ManagedFieldsComputed)
        {
            PatchEngines.RecordUpdate(null, obj, options.FieldManager, rt.ApiVersion, UtcNow, null, rt.Crd?.Schema);
        }

        if (options.DryRun)
        {
            return new WriteResult(obj, Created: true);
        }

        Commit(rt, ns, name, obj);
        AfterWrite(rt, ns, name, obj, created: true);
        return new WriteResult(obj, Created: true);
    }

    private WriteResult ReplaceLocked(ResourceType rt, JsonObject current, JsonObject desired, string? subresource, UpdateKind kind, WriteOptions options)
    {
        Normalize(rt, desired);
        var curMeta = JsonObjects.Metadata(current);
        var name = JsonObjects.Str(curMeta, "name")!;
        var ns = JsonObjects.Str(curMeta, "namespace") ?? string.Empty;
        var meta = JsonObjects.Metadata(desired);
        var bodyName = JsonObjects.Str(meta, "name");
        if (!string.IsNullOrEmpty(bodyName) && bodyName != name)
        {
            throw ApiException.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }

        meta["name"] = name;
        CheckNamespace(rt, meta, ns);
        CheckPreconditions(rt, current, desired, kind);

        JsonObject next;
        if (subresource == "status")
        {
            // The status endpoint changes status only (upstream status strategies reset everything else).
            next = (JsonObject)current.DeepClone();
            next["status"] = desired["status"]?.DeepClone();
            if (rt.Behavior == ResourceBehavior.CustomResource)
            {
                ApplySchema(rt, next, name, options);
            }
        }
        else
        {
            next = desired;
            foreach (var f in new[] { "uid", "creationTimestamp", "generation", "deletionTimestamp", "deletionGracePeriodSeconds" })
            {
                meta.Remove(f);
                if (curMeta[f] is { } v)
                {
                    meta[f] = v.DeepClone();
                }
            }

            if (!options.ManagedFieldsComputed)
            {
                meta.Remove("managedFields");
                if (curMeta["managedFields"] is { } mf)
                {
                    meta["managedFields"] = mf.DeepClone();
                }
            }

            if (rt.HasStatus)
            {
                next.Remove("status");
                if (current["status"] is { } st)
                {
                    next["status"] = st.DeepClone();
                }
            }

            ObjectRules.PrepareUpdate(rt, current, next, name);
            ApplyTypeRules(rt, next, name, options);
            if (rt.Behavior == ResourceBehavior.CustomResourceDefinition)
            {
                CrdDefinitions.MarkEstablished(next, Now());
                if (current["status"] is JsonObject oldStatus && JsonNode.DeepEquals(oldStatus["acceptedNames"], next["status"]?["acceptedNames"]))
                {
                    next["status"]!["conditions"] = oldStatus["conditions"]?.DeepClone();
                }
            }

            CheckFinalizers(rt, current, next, name);
            if (rt.TracksGeneration)
            {
                var ignore = rt.HasStatus ? new[] { "metadata", "status" } : ["metadata"];
                if (!JsonNode.DeepEquals(JsonObjects.Without(current, ignore), JsonObjects.Without(next, ignore)))
                {
                    meta["generation"] = (curMeta["generation"]?.GetValue<long>() ?? 0) + 1;
                }
            }
        }

        JsonObjects.Metadata(next)["resourceVersion"] = curMeta["resourceVersion"]?.DeepClone();
        if (Unchanged(current, next))
        {
            // Upstream skips writes that change nothing: no new resourceVersion, no watch event.
            return new WriteResult(current);
        }

        if (!options.ManagedFieldsComputed)
        {
            PatchEngines.RecordUpdate(current, next, options.FieldManager, rt.ApiVersion, UtcNow, subresource, rt.Crd?.Schema);
        }

        if (options.DryRun)
        {
            return new WriteResult(next);
        }

        if (JsonObjects.Metadata(next)["deletionTimestamp"] is not null && JsonObjects.StringList(JsonObjects.Metadata(next), "finalizers").Count == 0)
        {
            RemoveLocked(rt, ns, name, next);
            return new WriteResult(next, Removed: true);
        }

        Commit(rt, ns, name, next);
        AfterWrite(rt, ns, name, next, created: false);
        return new WriteResult(next);
    }

    /// <summary>
    /// Upstream skips a write when nothing but managedFields timestamps would change; a change of
    /// ownership alone (server-side apply by a new manager) is still a write.
    /// </summary>
    private static bool Unchanged(JsonObject current, JsonObject next)
    {
        var a = (JsonObject)current.DeepClone();
        var b = (JsonObject)next.DeepClone();
        foreach (var o in new[] { a, b })
        {
            if (JsonObjects.Metadata(o)["managedFields"] is JsonArray entries)
            {
                foreach (var e in entries.OfType<JsonObject>())
                {
                    e.Remove("time");
                }
            }
        }

        return JsonNode.DeepEquals(a, b);
    }

    private static void CheckPreconditions(ResourceType rt, JsonObject current, JsonObject desired, UpdateKind kind)
    {
        var meta = JsonObjects.Metadata(desired);
        var curMeta = JsonObjects.Metadata(current);
        var name = JsonObjects.Str(curMeta, "name")!;
        var wantedRv = JsonObjects.Str(meta, "resourceVersion");
        if (!string.IsNullOrEmpty(wantedRv))
        {
            if (wantedRv != JsonObjects.Str(curMeta, "resourceVersion"))
            {
                throw ApiException.StaleResourceVersion(rt.Plural, rt.Group, name);
            }
        }
        else if (kind == UpdateKind.Put && rt.Behavior == ResourceBehavior.CustomResource)
        {
            throw ApiException.Invalid(rt.Kind, rt.Group, name, "metadata.resourceVersion", "Invalid value: 0x0: must be specified for an update");
        }

        var wantedUid = JsonObjects.Str(meta, "uid");
        var uid = JsonObjects.Str(curMeta, "uid");
        if (!string.IsNullOrEmpty(wantedUid) && wantedUid != uid)
        {
            throw ApiException.Conflict(rt.Plural, rt.Group, name, $"Precondition failed: UID in precondition: {wantedUid}, UID in object meta: {uid}");
        }
    }

    private static void CheckFinalizers(ResourceType rt, JsonObject current, JsonObject next, string name)
    {
        var curMeta = JsonObjects.Metadata(current);
        if (curMeta["deletionTimestamp"] is null)
        {
            return;
        }

        var before = JsonObjects.StringList(curMeta, "finalizers");
        var added = JsonObjects.StringList(JsonObjects.Metadata(next), "finalizers").Except(before).ToList();
        if (added.Count > 0)
        {
            throw ApiException.Invalid(rt.Kind, rt.Group, name, "metadata.finalizers", $"Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{{\"{string.Join("\", \"", added)}\"}}", "FieldValueForbidden");
        }
    }

    private static void ApplyTypeRules(ResourceType rt, JsonObject obj, string name, WriteOptions options)
    {
        if (rt.Behavior == ResourceBehavior.CustomResource)
        {
            ApplySchema(rt, obj, name, options);
        }
        else if (rt.Behavior == ResourceBehavior.CustomResourceDefinition)
        {
            var errors = CrdDefinitions.Validate(obj);
            if (errors.Count > 0)
            {
                throw ApiException.Invalid(rt.Kind, rt.Group, name, errors);
            }
        }

        var metaErrors = ObjectRules.ValidateMetadata(rt, obj, name);
        if (metaErrors.Count > 0)
        {
            throw ApiException.Invalid(rt.Kind, rt.Group, name, metaErrors);
        }
    }

    private static void ApplySchema(ResourceType rt, JsonObject obj, string name, WriteOptions options)
    {
        var result = SchemaProcessor.Process(obj, rt.Crd?.Schema);
        if (result.UnknownFields.Count > 0)
        {
            if (options.FieldValidation == "Strict")
            {
                throw ApiException.BadRequest($"{rt.Kind} in version \"{rt.Version}\" cannot be handled as a {rt.Kind}: strict decoding error: "
                    + string.Join(", ", result.UnknownFields.Select(f => $"unknown field \"{f}\"")));
            }

            if (options.FieldValidation == "Warn")
            {
                options.Warnings.AddRange(result.UnknownFields.Select(f => $"unknown field \"{f}\""));
            }
        }

        if (result.Errors.Count > 0)
        {
            throw ApiException.Invalid(rt.Kind, rt.Group, name, result.Errors);
        }
    }

    private void Normalize(ResourceType rt, JsonObject obj)
    {
        var apiVersion = JsonObjects.Str(obj, "apiVersion");
        var kind = JsonObjects.Str(obj, "kind");
        if (!string.IsNullOrEmpty(kind) && kind != rt.Kind)
        {
            throw ApiException.BadRequest($"{rt.Kind} in version \"{rt.Version}\" cannot be handled as a {rt.Kind}: the kind in the body ({kind}) does not match the kind of the URL ({rt.Kind})");
        }

        if (!string.IsNullOrEmpty(apiVersion) && apiVersion != rt.ApiVersion
            && !(rt.Crd is not null && Registry.FindByKind(apiVersion, rt.Kind)?.StorageKey == rt.StorageKey))
        {
            throw ApiException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({rt.ApiVersion})");
        }

        // Stored form: the storage version for custom resources, the served version otherwise.
        var storageVersion = rt.Crd is null ? rt.ApiVersion : Registry.FindStorage(rt.StorageKey)?.ApiVersion ?? rt.ApiVersion;
        var rebuilt = new JsonObject { ["apiVersion"] = storageVersion, ["kind"] = rt.Kind };
        foreach (var key in obj.Select(kv => kv.Key).ToList())
        {
            if (key is "apiVersion" or "kind")
            {
                continue;
            }

            var v = obj[key];
            obj.Remove(key);
            rebuilt[key] = v;
        }

        obj.Clear();
        foreach (var key in rebuilt.Select(kv => kv.Key).ToList())
        {
            var v = rebuilt[key];
            rebuilt.Remove(key);
            obj[key] = v;
        }
    }

    private static void CheckNamespace(ResourceType rt, JsonObject meta, string ns)
    {
        if (!rt.Namespaced)
        {
            meta.Remove("namespace");
            return;
        }

        var bodyNs = JsonObjects.Str(meta, "namespace");
        if (!string.IsNullOrEmpty(bodyNs) && bodyNs != ns)
        {
            throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        meta["namespace"] = ns;
    }

    private string GenerateName(ResourceType rt, string ns, string? prefix)
    {
        if (string.IsNullOrEmpty(prefix))
        {
            throw ApiException.Invalid(rt.Kind, rt.Group, string.Empty, "metadata.name", "Required value: name or generateName is required", "FieldValueRequired");
        }

        for (var attempt = 0; attempt < 8; attempt++)
        {
            var suffix = new string(Enumerable.Range(0, 5).Select(_ => NameAlphabet[RandomNumberGenerator.GetInt32(NameAlphabet.Length)]).ToArray());
            var candidate = (prefix.Length > 58 ? prefix[..58] : prefix) + suffix;
            if (Store.Get(rt.StorageKey, ns, candidate) is null)
            {
                return candidate;
            }
        }

        throw ApiException.AlreadyExists(rt.Plural, rt.Group, prefix);
    }

    private void Commit(ResourceType rt, string ns, string name, JsonObject obj)
    {
        JsonObjects.Metadata(obj)["resourceVersion"] = Store.NextRevision.ToString(CultureInfo.InvariantCulture);
        Store.Put(rt.StorageKey, ns, name, JsonObjects.ToBytes(obj));
    }

    private void AfterWrite(ResourceType rt, string ns, string name, JsonObject obj, bool created)
    {
        if (rt.Behavior == ResourceBehavior.Namespace && created)
        {
            var sa = Registry.Find(string.Empty, "v1", "serviceaccounts")!;
            CreateLocked(sa, name, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "default" } },
                new WriteOptions { FieldManager = "kube-controller-manager" }, urlName: null);
        }
        else if (rt.Behavior == ResourceBehavior.CustomResourceDefinition && JsonObjects.Metadata(obj)["deletionTimestamp"] is null)
        {
            Registry.SetCustom(name, CrdDefinitions.ToResourceTypes(obj));
        }

        _ = ns;
    }
}
