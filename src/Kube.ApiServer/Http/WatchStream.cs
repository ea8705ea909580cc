using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Kube.ApiServer.Resources;
using Kube.ApiServer.Selectors;
using Kube.ApiServer.Storage;

namespace Kube.ApiServer.Http;

/// <summary>
/// Encodes one watcher's events: selector filtering with transitions (an object that starts or
/// stops matching becomes ADDED or DELETED for this watcher, as upstream's cacher does), CRD
/// version rewriting, and one-row Tables when the client asked for Table output.
/// </summary>
internal sealed class WatchStream(ResourceType rt, LabelSelector labels, FieldSelector fields, bool table, TimeProvider time)
{
    private bool _columnsSent;

    /// <summary>Set for a metadata-only watch (<c>as=PartialObjectMetadata</c>): objects are sent as metadata.</summary>
    public AsTarget? Partial { get; init; }

    public async Task WriteAsync(Stream body, ChangeEvent e, CancellationToken ct)
    {
        var now = Matches(e.Object);
        var before = e.Previous is null ? now : Matches(e.Previous);
        string? type = e.Type switch
        {
            WatchEventType.Added => now ? "ADDED" : null,
            WatchEventType.Deleted => now || before ? "DELETED" : null,
            _ when now && before => "MODIFIED",
            _ when now => "ADDED",
            _ when before => "DELETED",
            _ => null,
        };
        if (type is null)
        {
            return;
        }

        if (table)
        {
            var obj = ObjectService.Read(rt, e.Object);
            var t = TableWriter.Table(rt, [obj], e.Rv.ToString(CultureInfo.InvariantCulture), null, time.GetUtcNow(), includeColumns: !_columnsSent);
            _columnsSent = true;
            await ApiHandler.WriteLineAsync(body, new JsonObject { ["type"] = type, ["object"] = t }, ct);
            return;
        }

        var json = Partial is not null ? PartialMetadata.ObjectBytes(e.Object.Json, Partial)
            : rt.Crd is null || rt.Crd.Storage ? e.Object.Json : JsonObjects.ToBytes(ObjectService.Read(rt, e.Object));
        var prefix = Encoding.UTF8.GetBytes($"{{\"type\":\"{type}\",\"object\":");
        await body.WriteAsync(prefix, ct);
        await body.WriteAsync(json, ct);
        await body.WriteAsync("}\n"u8.ToArray(), ct);
    }

    private bool Matches(StoredObject o) => labels.Matches(o.Labels) && fields.Matches(o.Json);
}
