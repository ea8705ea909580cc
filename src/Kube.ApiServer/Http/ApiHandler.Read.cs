using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kube.ApiServer.Resources;
using Kube.ApiServer.Selectors;
using Kube.ApiServer.Storage;
using Microsoft.AspNetCore.Http;

namespace Kube.ApiServer.Http;

/// <summary>get, list (selectors, limit/continue, Table) and watch.</summary>
internal sealed partial class ApiHandler
{
    private static readonly byte[] Newline = "\n"u8.ToArray();

    private async Task GetAsync(HttpContext ctx, ResourceType rt, string ns, string name)
    {
        var o = _objects.Store.Get(rt.StorageKey, ns, name) ?? throw ApiException.NotFound(rt.Plural, rt.Group, name);
        if (PartialMetadata.Negotiate(ctx.Request.Headers.Accept.ToString()) is { IsPartial: true } partial)
        {
            PartialMetadata.RequireSingle(rt, partial);
            await WriteBytesAsync(ctx, 200, PartialMetadata.ObjectBytes(o.Json, partial), MediaTypes.Json);
            return;
        }

        if (MediaTypes.WantsTable(ctx.Request.Headers.Accept.ToString()))
        {
            var table = TableWriter.Table(rt, [ObjectService.Read(rt, o)], o.Rv.ToString(CultureInfo.InvariantCulture), null, _time.GetUtcNow(), includeColumns: true);
            await WriteJsonAsync(ctx, 200, table, MediaTypes.Table);
            return;
        }

        await WriteBytesAsync(ctx, 200, Serve(rt, o), MediaTypes.Json);
    }

    private async Task ListAsync(HttpContext ctx, ResourceType rt, string? ns)
    {
        var q = ctx.Request.Query;
        var partial = PartialMetadata.Negotiate(ctx.Request.Headers.Accept.ToString()) is { IsPartial: true } p ? p : null;
        if (partial is not null)
        {
            PartialMetadata.RequireList(rt, partial);
        }

        var labels = LabelSelector.Parse(q["labelSelector"]);
        var fields = FieldSelector.Parse(q["fieldSelector"], rt.Kind);
        var (afterNs, afterName, tokenRv) = ContinueToken.Parse(q["continue"]);
        var all = ListForRequest(q, rt, ns, tokenRv, out var revision);
        var rvText = revision.ToString(CultureInfo.InvariantCulture);
        if (tokenRv is not null)
        {
            rvText = tokenRv;
        }

        var limit = int.TryParse(q["limit"], NumberStyles.None, CultureInfo.InvariantCulture, out var l) && l > 0 ? l : int.MaxValue;
        var items = new List<StoredObject>();
        string? next = null;
        var remaining = 0;
        foreach (var o in all)
        {
            if (afterName is not null && string.CompareOrdinal(o.Namespace + "\u0001" + o.Name, afterNs + "\u0001" + afterName) <= 0)
            {
                continue;
            }

            if (!labels.Matches(o.Labels) || !fields.Matches(o.Json))
            {
                continue;
            }

            if (items.Count >= limit)
            {
                remaining++;
                continue;
            }

            items.Add(o);
        }

        if (remaining > 0)
        {
            next = ContinueToken.Create(rvText, items[^1].Namespace, items[^1].Name);
        }

        if (partial is not null)
        {
            await WriteListAsync(ctx, AsTarget.PartialList, partial.ApiVersion, rvText, next, remaining, items, (w, o) => PartialMetadata.WriteObject(w, o.Json, partial));
            return;
        }

        if (MediaTypes.WantsTable(ctx.Request.Headers.Accept.ToString()))
        {
            var objs = items.Select(o => ObjectService.Read(rt, o)).ToList();
            var table = TableWriter.Table(rt, objs, rvText, next, _time.GetUtcNow(), includeColumns: true);
            await WriteJsonAsync(ctx, 200, table, MediaTypes.Table);
            return;
        }

        await WriteListAsync(ctx, rt.ListKind, rt.ApiVersion, rvText, next, remaining, items, (w, o) => w.WriteRawValue(Serve(rt, o), skipInputValidation: true));
    }

    /// <summary>A list body (<paramref name="kind"/> with list metadata and items), streamed item by item.</summary>
    private static async Task WriteListAsync(HttpContext ctx, string kind, string apiVersion, string rvText, string? next, int remaining, List<StoredObject> items, Action<Utf8JsonWriter, StoredObject> writeItem)
    {
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = MediaTypes.Json;
        await using var writer = new Utf8JsonWriter(ctx.Response.BodyWriter);
        writer.WriteStartObject();
        writer.WriteString("kind", kind);
        writer.WriteString("apiVersion", apiVersion);
        writer.WriteStartObject("metadata");
        writer.WriteString("resourceVersion", rvText);
        if (next is not null)
        {
            writer.WriteString("continue", next);
            writer.WriteNumber("remainingItemCount", remaining);
        }

        writer.WriteEndObject();
        writer.WriteStartArray("items");
        var flushedAt = 0L;
        foreach (var o in items)
        {
            writeItem(writer, o);

            // Flush the PipeWriter itself every ~64 KB. Over a PipeWriter, Utf8JsonWriter.BytesPending never
            // grows past one pool block (it advances the pipe as it goes), and until the pipe is flushed Kestrel
            // holds everything written in its pinned block pool, which keeps the blocks afterwards: every list of
            // 10k Secrets grew the pool by the response size, ~6.6 MB (docs/apiserver.md, "Memory").
            if (writer.BytesCommitted + writer.BytesPending - flushedAt > 64 * 1024)
            {
                writer.Flush();
                flushedAt = writer.BytesCommitted;
                await ctx.Response.BodyWriter.FlushAsync(ctx.RequestAborted);
            }
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
        await writer.FlushAsync(ctx.RequestAborted);
    }

    /// <summary>The stored bytes as this resource version serves them (only CRD versions other than the storage one need a rewrite).</summary>
    private static byte[] Serve(ResourceType rt, StoredObject o)
    {
        if (rt.Crd is null || rt.Crd.Storage)
        {
            return o.Json;
        }

        return JsonObjects.ToBytes(ObjectService.Read(rt, o));
    }

    private async Task WatchAsync(HttpContext ctx, ResourceType rt, string? ns)
    {
        var q = ctx.Request.Query;
        var labels = LabelSelector.Parse(q["labelSelector"]);
        var fields = FieldSelector.Parse(q["fieldSelector"], rt.Kind);
        var bookmarks = GoBool(q["allowWatchBookmarks"]);
        var sendInitial = GoBool(q["sendInitialEvents"]);
        var rvParam = q["resourceVersion"].ToString();
        long? from = null;
        if (!sendInitial && rvParam.Length > 0 && rvParam != "0")
        {
            if (!long.TryParse(rvParam, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                throw ApiException.BadRequest($"invalid resource version: {rvParam}");
            }

            from = parsed;
        }

        var timeout = int.TryParse(q["timeoutSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var t) && t > 0
            ? TimeSpan.FromSeconds(t)
            : TimeSpan.FromMinutes(30 + Random.Shared.Next(30));
        // A watch converts each event's object; upstream has no list form for events, so asking for
        // PartialObjectMetadataList there falls back to the full object (watchEmbeddedEncoder).
        var partial = PartialMetadata.Negotiate(ctx.Request.Headers.Accept.ToString()) is { Kind: AsTarget.Partial } p ? p : null;
        var table = partial is null && MediaTypes.WantsTable(ctx.Request.Headers.Accept.ToString());
        var sub = _objects.Store.Subscribe(rt.StorageKey, ns, from, out var replay, out var startRevision);
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = table ? MediaTypes.Table : MediaTypes.Json;
        ctx.Response.Headers.CacheControl = "no-cache, private";
        var body = ctx.Response.Body;
        var stream = new WatchStream(rt, labels, fields, table, _time) { Partial = partial };
        if (sub is null)
        {
            var status = ApiException.Expired($"too old resource version: {from} ({_objects.Store.CompactedRevision + 1})").ToStatus();
            await WriteLineAsync(body, new JsonObject { ["type"] = "ERROR", ["object"] = status }, ctx.RequestAborted);
            return;
        }

        using (sub)
        {
            var lastRv = from ?? startRevision;
            foreach (var e in replay)
            {
                await stream.WriteAsync(body, e, ctx.RequestAborted);
                lastRv = Math.Max(lastRv, e.Rv);
            }

            if (bookmarks)
            {
                await WriteBookmarkAsync(body, rt, lastRv, initialEnd: sendInitial, partial, ctx.RequestAborted);
            }

            await body.FlushAsync(ctx.RequestAborted);
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted);
            cts.CancelAfter(timeout);
            var bookmarkEvery = TimeSpan.FromSeconds(45);
            try
            {
                while (true)
                {
                    using var tick = CancellationTokenSource.CreateLinkedTokenSource(cts.Token);
                    tick.CancelAfter(bookmarkEvery);
                    bool more;
                    try
                    {
                        more = await sub.Reader.WaitToReadAsync(tick.Token);
                    }
                    catch (OperationCanceledException) when (!cts.IsCancellationRequested)
                    {
                        if (bookmarks)
                        {
                            await WriteBookmarkAsync(body, rt, lastRv, initialEnd: false, partial, cts.Token);
                            await body.FlushAsync(cts.Token);
                        }

                        continue;
                    }

                    if (!more)
                    {
                        return;
                    }

                    while (sub.Reader.TryRead(out var e))
                    {
                        await stream.WriteAsync(body, e, cts.Token);
                        lastRv = e.Rv;
                    }

                    await body.FlushAsync(cts.Token);
                }
            }
            catch (OperationCanceledException) when (!ctx.RequestAborted.IsCancellationRequested)
            {
                // timeoutSeconds elapsed: close the stream cleanly.
            }
        }
    }

    private static async Task WriteBookmarkAsync(Stream body, ResourceType rt, long rv, bool initialEnd, AsTarget? partial, CancellationToken ct)
    {
        if (partial is not null)
        {
            await body.WriteAsync("{\"type\":\"BOOKMARK\",\"object\":"u8.ToArray(), ct);
            await body.WriteAsync(PartialMetadata.BookmarkObject(rv, initialEnd, partial), ct);
            await body.WriteAsync("}\n"u8.ToArray(), ct);
            return;
        }

        var meta = new JsonObject { ["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture) };
        if (initialEnd)
        {
            meta["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        }

        var evt = new JsonObject
        {
            ["type"] = "BOOKMARK",
            ["object"] = new JsonObject { ["kind"] = rt.Kind, ["apiVersion"] = rt.ApiVersion, ["metadata"] = meta },
        };
        await WriteLineAsync(body, evt, ct);
    }

    internal static async Task WriteLineAsync(Stream body, JsonNode evt, CancellationToken ct)
    {
        await body.WriteAsync(JsonObjects.ToBytes(evt), ct);
        await body.WriteAsync(Newline, ct);
    }
}
