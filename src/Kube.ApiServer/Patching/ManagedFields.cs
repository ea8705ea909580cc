using System.Text.Json.Nodes;

namespace Kube.ApiServer.Patching;

/// <summary>
/// Field ownership for non-apply writes (POST, PUT, and json/merge/strategic PATCH), after the
/// apiserver's fieldmanager: the writer's Update entry — one per (manager, apiVersion, subresource) —
/// gains every field the write added or changed and loses fields it removed; every other manager
/// loses ownership of fields whose values this write changed or removed. Nothing is recorded for a
/// write that changed nothing. The result is written to <c>newObj.metadata.managedFields</c>.
/// <para>
/// As upstream: managedFields the client sent are the starting point when non-empty (this is how
/// kubectl's client-side-to-server-side migration rewrites ownership); otherwise the old object's
/// are; a client sending <c>[{}]</c> clears them. Subresource writes always start from the old
/// object's entries.
/// </para>
/// </summary>
public static class ManagedFields
{
    public static void RecordUpdate(JsonObject? oldObj, JsonObject newObj, string manager, string apiVersion, DateTimeOffset time, string? subresource, Func<string, ListType>? listTypeAt = null)
    {
        ArgumentNullException.ThrowIfNull(newObj);
        ArgumentException.ThrowIfNullOrEmpty(manager);
        var metadata = newObj["metadata"] as JsonObject;
        var sent = metadata?["managedFields"];
        if (string.IsNullOrEmpty(subresource) && ManagerEntry.IsReset(sent))
        {
            metadata!.Remove("managedFields");
            return;
        }

        var entries = (string.IsNullOrEmpty(subresource) ? ManagerEntry.Parse(sent) : null)
            ?? ManagerEntry.Parse(JsonValues.At(oldObj, "metadata", "managedFields"))
            ?? [];

        var kind = JsonValues.Text(newObj["kind"]) ?? JsonValues.Text(oldObj?["kind"]) ?? string.Empty;
        var objectApiVersion = JsonValues.Text(newObj["apiVersion"]) ?? apiVersion;
        var schema = SchemaView.For(objectApiVersion, kind, listTypeAt);
        var zero = schema.ZeroValue();
        var before = ObjectFields.WithZeroValues(oldObj ?? zero, zero);
        var after = ObjectFields.WithZeroValues(newObj, zero);
        if (after["metadata"] is JsonObject afterMetadata)
        {
            afterMetadata.Remove("managedFields");
        }

        if (before["metadata"] is JsonObject beforeMetadata)
        {
            beforeMetadata.Remove("managedFields");
        }

        var (changed, removed) = ObjectFields.Compare(before, after, schema);

        if (!changed.IsEmpty || !removed.IsEmpty)
        {
            foreach (var other in entries)
            {
                other.Fields.ExceptWith(changed);
                other.Fields.ExceptWithDescendants(removed);
            }

            var mine = entries.FirstOrDefault(e => e.Is(manager, ManagerEntry.Update, apiVersion, subresource));
            if (mine is null)
            {
                mine = new ManagerEntry { Manager = manager, Operation = ManagerEntry.Update, ApiVersion = apiVersion, Subresource = subresource };
                entries.Add(mine);
            }

            mine.Fields.UnionWith(changed);
            mine.Time = ManagerEntry.FormatTime(time);
        }

        ServerSideApply.SetManagedFields(newObj, entries);
    }
}
