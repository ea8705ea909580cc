using System.Text.Json.Nodes;
using Kube.ApiServer.Resources;
using Microsoft.AspNetCore.Http;

namespace Kube.ApiServer.Http;

/// <summary>Request bodies (JSON, YAML, protobuf) and response writing.</summary>
internal sealed partial class ApiHandler
{
    private const int MaxBody = 3 * 1024 * 1024;

    private static async Task<byte[]> ReadBodyAsync(HttpContext ctx)
    {
        using var ms = new MemoryStream();
        var buffer = new byte[16 * 1024];
        int n;
        while ((n = await ctx.Request.Body.ReadAsync(buffer, ctx.RequestAborted)) > 0)
        {
            ms.Write(buffer, 0, n);
            if (ms.Length > MaxBody)
            {
                throw new ApiException(413, "RequestEntityTooLarge", "the request body is too large");
            }
        }

        return ms.ToArray();
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpContext ctx, ResourceType rt)
    {
        var bytes = await ReadBodyAsync(ctx);
        var type = MediaTypes.Essence(ctx.Request.ContentType);
        return type switch
        {
            MediaTypes.Protobuf => DecodeProtobuf(bytes),
            MediaTypes.Yaml => YamlBody.ParseObject(bytes),
            "" or MediaTypes.Json => JsonObjects.Parse(bytes, rt.Kind),
            _ => throw ApiException.UnsupportedMediaType([MediaTypes.Json, MediaTypes.Yaml, MediaTypes.Protobuf]),
        };
    }

    private static JsonObject DecodeProtobuf(byte[] bytes) => ProtobufBodies.Decode(bytes);

    private static Task WriteJsonAsync(HttpContext ctx, int code, JsonNode body, string contentType = MediaTypes.Json) =>
        WriteBytesAsync(ctx, code, JsonObjects.ToBytes(body), contentType);

    private static async Task WriteBytesAsync(HttpContext ctx, int code, byte[] body, string contentType)
    {
        ctx.Response.StatusCode = code;
        ctx.Response.ContentType = contentType;
        ctx.Response.ContentLength = body.Length;
        await ctx.Response.Body.WriteAsync(body, ctx.RequestAborted);
    }

    private static async Task WriteStatusAsync(HttpContext ctx, ApiException e)
    {
        if (ctx.Response.HasStarted)
        {
            return;
        }

        ctx.Response.Clear();
        await WriteJsonAsync(ctx, e.Code, e.ToStatus());
    }

    private async Task WriteDiscoveryAsync(HttpContext ctx, string accept, bool core)
    {
        var aggregated = MediaTypes.AggregatedDiscovery(accept);
        if (aggregated is not null)
        {
            var doc = _discovery.Aggregated(core, aggregated);
            await WriteJsonAsync(ctx, 200, doc, $"application/json;g=apidiscovery.k8s.io;v={aggregated};as=APIGroupDiscoveryList");
            return;
        }

        var host = ctx.Request.Host.Value ?? "127.0.0.1";
        await WriteJsonAsync(ctx, 200, core ? DiscoveryDocuments.CoreVersions(host) : _discovery.GroupList());
    }
}
