using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Kube.ApiServer.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Kube.ApiServer.Tests.Protobuf;

/// <summary>
/// A loopback HTTP listener that answers just enough of the API (version, legacy discovery) for
/// kubectl's generator commands, records every POST body, and answers 201 with the decoded object.
/// </summary>
internal sealed class KubectlRecorder : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KubectlRecorder(WebApplication app) => _app = app;

    public ConcurrentQueue<(string Path, string ContentType, byte[] Body)> Posts { get; } = new();

    public string Url => _app.Urls.First();

    public static async Task<KubectlRecorder> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var recorder = new KubectlRecorder(app);
        app.Run(recorder.HandleAsync);
        await app.StartAsync();
        return recorder;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "/";
        if (HttpMethods.IsPost(context.Request.Method))
        {
            using var buffer = new MemoryStream();
            await context.Request.Body.CopyToAsync(buffer);
            Posts.Enqueue((path, context.Request.ContentType ?? string.Empty, buffer.ToArray()));
            if (!KubeProtobuf.TryDecode(buffer.ToArray(), out var obj, out var error))
            {
                await WriteAsync(context, 415, new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["status"] = "Failure", ["code"] = 415, ["reason"] = "UnsupportedMediaType", ["message"] = error });
                return;
            }

            var metadata = obj!["metadata"]!.AsObject();
            metadata["name"] ??= "generated";
            metadata["uid"] = "00000000-0000-0000-0000-000000000001";
            metadata["resourceVersion"] = "1";
            await WriteAsync(context, 201, obj);
            return;
        }

        JsonNode? answer = path switch
        {
            "/version" => new JsonObject { ["major"] = "1", ["minor"] = "32", ["gitVersion"] = "v1.32.4" },
            "/api" => JsonNode.Parse("""{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"127.0.0.1"}]}"""),
            "/apis" => JsonNode.Parse("""{"kind":"APIGroupList","apiVersion":"v1","groups":[]}"""),
            "/api/v1" => JsonNode.Parse("""
                {"kind":"APIResourceList","apiVersion":"v1","groupVersion":"v1","resources":[
                 {"name":"secrets","singularName":"secret","namespaced":true,"kind":"Secret","verbs":["create","get","list"]},
                 {"name":"configmaps","singularName":"configmap","namespaced":true,"kind":"ConfigMap","verbs":["create","get","list"]},
                 {"name":"namespaces","singularName":"namespace","namespaced":false,"kind":"Namespace","verbs":["create","get","list"]}]}
                """),
            _ => null,
        };
        await WriteAsync(context, answer is null ? 404 : 200, answer ?? JsonNode.Parse("""{"kind":"Status","apiVersion":"v1","status":"Failure","code":404,"reason":"NotFound","message":"the server could not find the requested resource"}""")!);
    }

    private static async Task WriteAsync(HttpContext context, int status, JsonNode body)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString());
    }
}
