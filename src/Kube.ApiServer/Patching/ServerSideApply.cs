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
/// </summary>
public static class ServerSideApply
{
    private const string BeforeFirstApply = "before-first-apply";

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
        var appliedFields = ObjectFields.FieldsOf(config, schema);
        var time = ManagerEntry.FormatTime(options.Time);

        if (live is null)
        {
            var created = config.DeepClone().AsObject();
            var entry = new ManagerEntry { Manager = options.Manager, Operation = ManagerEntry.Apply, ApiVersion = options.ApiVersion, Time = time, Subresource = options.Subresource, Fields = appliedFields };
            SetManagedFields(created, [entry]);
            return ApplyResult.Success(created);
        }

        var entries = ManagerEntry.Parse(live["metadata"]?["managedFields"]) ?? [FirstApplyOwner(live, options, schema, time)];
        var mine = entries.FirstOrDefault(e => e.Is(options.Manager, ManagerEntry.Apply, options.ApiVersion, options.Subresource));
        var others = entries.Where(e => !ReferenceEquals(e, mine)).ToList();

        var conflicts = FindConflicts(live, config, appliedFields, others);
        if (conflicts.Count > 0 && !options.Force)
        {
            return ApplyResult.Conflicted(conflicts.Select(c => new ApplyConflict(c.Owner.Manager, PathElement.Display(c.Path), c.Owner.Describe())).ToList());
        }

        foreach (var (owner, path) in conflicts)
        {
            owner.Fields.Remove(path); // force: the applier takes the field over.
        }

        var merged = (JsonObject)ObjectFields.Merge(live, config, string.Empty, schema)!;
        var previous = mine?.Fields ?? new FieldSet();
        foreach (var path in previous.Paths().Where(p => !appliedFields.Contains(p)).ToList())
        {
            // Level 1: the manager stopped applying this field; drop it unless someone else owns it.
            if (!others.Any(o => o.Fields.ContainsAtOrBelow(path)) && !appliedFields.ContainsAtOrBelow(path))
            {
                ObjectFields.Remove(merged, path);
            }
        }

        var changedObject = !ObjectFields.SameContent(live, merged);
        if (mine is null)
        {
            mine = new ManagerEntry { Manager = options.Manager, Operation = ManagerEntry.Apply, ApiVersion = options.ApiVersion, Time = time, Subresource = options.Subresource };
        }
        else if (changedObject || !mine.Fields.SetEquals(appliedFields))
        {
            mine.Time = time;
        }

        mine.ApiVersion = options.ApiVersion;
        mine.Fields = appliedFields;
        SetManagedFields(merged, [.. others, mine]);
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

    private static List<(ManagerEntry Owner, IReadOnlyList<string> Path)> FindConflicts(JsonObject live, JsonObject config, FieldSet appliedFields, List<ManagerEntry> others)
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

            ObjectFields.TryResolve(config, path, out var wanted);
            var hasLive = ObjectFields.TryResolve(live, path, out var current);
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

    private static ManagerEntry FirstApplyOwner(JsonObject live, ApplyOptions options, SchemaView schema, string time) => new()
    {
        Manager = BeforeFirstApply,
        Operation = ManagerEntry.Update,
        ApiVersion = options.ApiVersion,
        Time = time,
        Fields = ObjectFields.FieldsOf(live, schema),
    };

    private static void CheckTypeMeta(JsonObject applied, ApplyOptions options)
    {
        var apiVersion = applied["apiVersion"]?.GetValue<string>();
        var kind = applied["kind"]?.GetValue<string>();
        if ((apiVersion is not null && apiVersion != options.ApiVersion) || (kind is not null && kind != options.Kind))
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
                copy[key] = value is JsonObject nested ? WithoutNulls(nested) : value!.DeepClone();
            }
        }

        return copy;
    }
}
