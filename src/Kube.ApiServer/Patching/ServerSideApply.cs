using System.Text.Json.Nodes;

namespace Kube.ApiServer.Patching;

/// <summary>
/// Server-side apply (<c>application/apply-patch+yaml</c>) after structured-merge-diff, at the level
/// kubectl <c>--server-side</c> and controllers rely on (reference §8.3, levels 0–2):
/// <list type="number">
/// <item>absent object → the applied configuration becomes the object;</item>
/// <item>another manager (Apply or Update) owning a field the applier sets to a different value is a
/// conflict (409) unless <see cref="ApplyOptions.Force"/>, which transfers ownership;</item>
/// <item>the configuration merges into the live object (map lists by key, sets by value, atomic
/// values replaced);</item>
/// <item>fields the manager applied last time and omits now are removed unless another manager
/// still owns them;</item>
/// <item>the manager's Apply entry records exactly the fields it applied.</item>
/// </list>
/// Client-supplied managedFields and null values in the configuration are ignored. A live object
/// without managedFields is first attributed to the manager "before-first-apply", as upstream does.
/// For the manager "kubectl" the apiserver's client-side-apply upgrade path is reproduced: conflicts
/// on fields still equal to the last-applied annotation are taken over, and that annotation is
/// kept in sync with the applied configuration.
/// </summary>
public static class ServerSideApply
{
    private const string BeforeFirstApply = "before-first-apply";
    private const string KubectlManager = "kubectl";

    private static readonly string[] ServerMetadata =
        ["uid", "resourceVersion", "generation", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "selfLink"];
    private const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

    public static ApplyResult Apply(JsonObject? live, JsonObject applied, ApplyOptions options)
    {
        ArgumentNullException.ThrowIfNull(applied);
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrEmpty(options.Manager))
        {
            throw PatchException.BadRequest("PATCH, PUT or POST with application/apply-patch+yaml requires the fieldManager parameter");
        }

        CheckTypeMeta(applied, options);
        var config = WithoutNulls(applied);
        if (config["metadata"] is JsonObject configMetadata)
        {
            configMetadata.Remove("managedFields");
        }

        var schema = SchemaView.For(options.ApiVersion, options.Kind, options.ListTypeAt);
        CheckListKeys(config, string.Empty, schema, options);
        var appliedFields = ObjectFields.FieldsOf(config, schema);
        var time = ManagerEntry.FormatTime(options.Time);

        if (live is null)
        {
            var created = config.DeepClone().AsObject();
            var entry = new ManagerEntry { Manager = options.Manager, Operation = ManagerEntry.Apply, ApiVersion = options.ApiVersion, Time = time, Subresource = options.Subresource, Fields = appliedFields };
            SetManagedFields(created, [entry]);
            return ApplyResult.Success(created);
        }

        return ApplyToLive(live, applied, config, appliedFields, schema, options, time);
    }

    private static ApplyResult ApplyToLive(JsonObject live, JsonObject applied, JsonObject config, FieldSet appliedFields, SchemaView schema, ApplyOptions options, string time)
    {
        var entries = ManagerEntry.Parse(JsonValues.At(live, "metadata", "managedFields")) ?? [FirstApplyOwner(live, options, schema, time)];
        var mine = entries.FirstOrDefault(e => e.Is(options.Manager, ManagerEntry.Apply, options.ApiVersion, options.Subresource));
        var others = entries.Where(e => !ReferenceEquals(e, mine)).ToList();

        var conflicts = FindConflicts(live, config, appliedFields, others, schema);
        var force = options.Force || (conflicts.Count > 0 && ConflictsAllowedByLastApplied(live, conflicts, options, schema));
        if (conflicts.Count > 0 && !force)
        {
            return ApplyResult.Conflicted(conflicts.Select(c => new ApplyConflict(c.Owner.Manager, PathElement.Display(c.Path), c.Owner.Describe())).ToList());
        }

        foreach (var (owner, path) in conflicts)
        {
            owner.Fields.Remove(path); // force: the applier takes the field over.
        }

        var merged = (JsonObject)ObjectFields.Merge(live, config, string.Empty, schema)!;
        KeepServerMetadata(live, merged);
        var previous = mine?.Fields ?? new FieldSet();
        foreach (var path in previous.Paths().Where(p => !appliedFields.Contains(p)).ToList())
        {
            // Level 1: the manager stopped applying this field; drop it unless someone else owns it.
            if (!others.Any(o => o.Fields.ContainsAtOrBelow(path)) && !appliedFields.ContainsAtOrBelow(path))
            {
                ObjectFields.Remove(merged, path, schema);
            }
        }

        // As the apiserver's managedFieldsUpdater: the entry's time moves only when the object
        // changed; a manager that merely claims fields it agrees with (kubectl-last-applied) gets none.
        var changedObject = !ObjectFields.SameContent(live, merged);
        mine ??= new ManagerEntry { Manager = options.Manager, Operation = ManagerEntry.Apply, ApiVersion = options.ApiVersion, Subresource = options.Subresource };
        if (changedObject)
        {
            mine.Time = time;
        }

        mine.ApiVersion = options.ApiVersion;
        mine.Fields = appliedFields;
        SetManagedFields(merged, [.. others, mine]);
        SyncLastApplied(live, merged, applied, options);
        return ApplyResult.Success(merged);
    }

    internal static void SetManagedFields(JsonObject obj, IEnumerable<ManagerEntry> entries)
    {
        var encoded = ManagerEntry.Encode(entries);
        if (obj["metadata"] is not JsonObject metadata)
        {
            obj["metadata"] = metadata = [];
        }

        if (encoded.Count == 0)
        {
            metadata.Remove("managedFields");
        }
        else
        {
            metadata["managedFields"] = encoded;
        }
    }

    private static List<(ManagerEntry Owner, IReadOnlyList<string> Path)> FindConflicts(JsonObject live, JsonObject config, FieldSet appliedFields, List<ManagerEntry> others, SchemaView schema)
    {
        var conflicts = new List<(ManagerEntry, IReadOnlyList<string>)>();
        foreach (var path in appliedFields.Paths())
        {
            // Only leaves carry values; "." members of objects and list items never conflict.
            var node = appliedFields.Find(path)!;
            if (node.Children.Any())
            {
                continue;
            }

            ObjectFields.TryResolve(config, path, schema, out var wanted);
            var hasLive = ObjectFields.TryResolve(live, path, schema, out var current);
            if (hasLive && JsonValues.DeepEquals(current, wanted))
            {
                continue; // same value: shared ownership, no conflict.
            }

            foreach (var owner in others.Where(o => o.Fields.Contains(path)))
            {
                conflicts.Add((owner, path));
            }
        }

        return conflicts;
    }

    /// <summary>
    /// The apiserver's lastAppliedManager: <c>kubectl apply --server-side</c> (manager "kubectl") on
    /// an object kubectl managed client-side may take over fields whose live value still equals the
    /// value in the last-applied annotation, so the switch to server-side apply does not conflict
    /// with kubectl-client-side-apply.
    /// </summary>
    private static bool ConflictsAllowedByLastApplied(JsonObject live, List<(ManagerEntry Owner, IReadOnlyList<string> Path)> conflicts, ApplyOptions options, SchemaView schema)
    {
        if (options.Manager != KubectlManager || LastApplied(live) is not { } lastAppliedText)
        {
            return false;
        }

        JsonObject lastApplied;
        try
        {
            lastApplied = JsonNode.Parse(lastAppliedText) as JsonObject ?? [];
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }

        var lastAppliedFields = ObjectFields.FieldsOf(lastApplied, schema);
        return conflicts.All(c =>
            lastAppliedFields.Contains(c.Path)
            && ObjectFields.TryResolve(lastApplied, c.Path, schema, out var old)
            && ObjectFields.TryResolve(live, c.Path, schema, out var current)
            && JsonValues.DeepEquals(old, current));
    }

    /// <summary>
    /// The apiserver's lastAppliedUpdater: after a successful apply by "kubectl", an existing
    /// last-applied annotation is rewritten to the applied configuration (without the annotation),
    /// encoded as Go encodes unstructured objects: sorted keys and a trailing newline.
    /// </summary>
    private static void SyncLastApplied(JsonObject live, JsonObject merged, JsonObject applied, ApplyOptions options)
    {
        if (options.Manager != KubectlManager || LastApplied(live) is null || JsonValues.At(merged, "metadata", "annotations") is not JsonObject annotations)
        {
            return;
        }

        var config = applied.DeepClone().AsObject();
        if (config["metadata"] is JsonObject metadata)
        {
            metadata.Remove("managedFields");
            if (metadata["annotations"] is JsonObject configAnnotations)
            {
                configAnnotations.Remove(LastAppliedAnnotation);
            }
        }

        annotations[LastAppliedAnnotation] = JsonValues.ToSortedJson(config) + "\n";
    }

    private static string? LastApplied(JsonObject obj) =>
        JsonValues.Text(JsonValues.At(obj, "metadata", "annotations", LastAppliedAnnotation)) is { Length: > 0 } text ? text : null;

    private static ManagerEntry FirstApplyOwner(JsonObject live, ApplyOptions options, SchemaView schema, string time) => new()
    {
        Manager = BeforeFirstApply,
        Operation = ManagerEntry.Update,
        ApiVersion = options.ApiVersion,
        Time = time,
        Fields = ObjectFields.FieldsOf(live, schema),
    };

    /// <summary>Every item of a map list must carry its key fields (structured-merge-diff refuses it otherwise).</summary>
    private static void CheckListKeys(JsonNode? node, string schemaPath, SchemaView schema, ApplyOptions options)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    CheckListKeys(value, schemaPath + "." + key, schema, options);
                }

                break;
            case JsonArray list:
                var type = schema.ListAt(schemaPath);
                for (var i = 0; i < list.Count; i++)
                {
                    if (type.Kind == ListTypeKind.Map && schema.MissingKey(list[i], schemaPath, type) is { } missing)
                    {
                        throw PatchException.BadRequest(
                            $"failed to create typed patch object ({options.ApiVersion}, Kind={options.Kind}): {schemaPath}: element {i}: associative list with keys has an element that omits key field \"{missing}\"");
                    }

                    CheckListKeys(list[i], schemaPath + "[]", schema, options);
                }

                break;
            default:
                break;
        }
    }

    private static void CheckTypeMeta(JsonObject applied, ApplyOptions options)
    {
        if (applied["metadata"] is { } metadata && metadata is not JsonObject)
        {
            throw PatchException.BadRequest("apply configuration: metadata must be an object");
        }

        var apiVersion = JsonValues.Text(applied["apiVersion"]);
        var kind = JsonValues.Text(applied["kind"]);
        if ((applied["apiVersion"] is not null && apiVersion != options.ApiVersion) || (applied["kind"] is not null && kind != options.Kind))
        {
            throw PatchException.BadRequest($"apply configuration is {apiVersion}, Kind={kind} but the request is for {options.ApiVersion}, Kind={options.Kind}");
        }
    }

    private static JsonObject WithoutNulls(JsonObject obj)
    {
        var copy = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (!JsonValues.IsNull(value))
            {
                copy[key] = WithoutNulls(value);
            }
        }

        return copy;
    }

    private static JsonNode? WithoutNulls(JsonNode? node) => node switch
    {
        JsonObject obj => WithoutNulls(obj),
        JsonArray list => new JsonArray(list.Select(WithoutNulls).ToArray()),
        _ => node?.DeepClone(),
    };

    /// <summary>
    /// Metadata the server owns is not the applier's to change: the merged object keeps the live
    /// values (a resourceVersion in the configuration is the caller's precondition to check).
    /// </summary>
    private static void KeepServerMetadata(JsonObject live, JsonObject merged)
    {
        if (merged["metadata"] is not JsonObject metadata)
        {
            return;
        }

        foreach (var name in ServerMetadata)
        {
            if (JsonValues.At(live, "metadata", name) is { } value)
            {
                metadata[name] = value.DeepClone();
            }
            else
            {
                metadata.Remove(name);
            }
        }
    }
}
