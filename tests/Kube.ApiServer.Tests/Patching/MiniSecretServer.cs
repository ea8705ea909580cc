using System.Globalization;
using System.Text.Json.Nodes;
using Kube.ApiServer.Patching;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Kube.ApiServer.Tests.Patching;

/// <summary>
/// A test-only loopback server for Secrets in namespace "default" that runs every write through the
/// patch engines and managedFields tracking, so real kubectl can exercise them end to end.
/// </summary>
internal sealed class MiniSecretServer : IAsyncDisposable
{
    private const string Prefix = "/api/v1/namespaces/default/secrets";
    private readonly WebApplication _app;
    private readonly Dictionary<string, JsonObject> _secrets = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private long _revision = 100;

    private MiniSecretServer(WebApplication app) => _app = app;

    public string Url => _app.Urls.First();

    public List<string> Requests { get; } = [];

    public DateTimeOffset Now { get; set; } = new(2024, 7, 1, 12, 0, 0, TimeSpan.Zero);

    public JsonObject? Get(string name)
    {
        lock (_gate)
        {
            return _secrets.TryGetValue(name, out var secret) ? (JsonObject)secret.DeepClone() : null;
        }
    }

    public static async Task<MiniSecretServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var server = new MiniSecretServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        var path = request.Path.Value ?? "/";
        var mediaType = (request.ContentType ?? string.Empty).Split(';')[0].Trim();
        lock (_gate)
        {
            Requests.Add($"{request.Method} {path} {mediaType} {request.QueryString}");
        }

        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync();
        var (status, answer) = HttpMethods.IsGet(request.Method) ? Read(path) : Write(request.Method, path, mediaType, body, request.Query);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(answer.ToJsonString());
    }

    private (int, JsonNode) Read(string path)
    {
        switch (path)
        {
            case "/version":
                return (200, new JsonObject { ["major"] = "1", ["minor"] = "32", ["gitVersion"] = "v1.32.4" });
            case "/api":
                return (200, JsonNode.Parse("""{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"127.0.0.1"}]}""")!);
            case "/apis":
                return (200, JsonNode.Parse("""{"kind":"APIGroupList","apiVersion":"v1","groups":[]}""")!);
            case "/api/v1":
                return (200, JsonNode.Parse("""{"kind":"APIResourceList","apiVersion":"v1","groupVersion":"v1","resources":[{"name":"secrets","singularName":"secret","namespaced":true,"kind":"Secret","verbs":["create","delete","get","list","patch","update","watch"]}]}""")!);
        }

        if (path.StartsWith(Prefix + "/", StringComparison.Ordinal))
        {
            var found = Get(path[(Prefix.Length + 1)..]);
            return found is null ? NotFound(path[(Prefix.Length + 1)..]) : (200, found);
        }

        return (404, Status(404, "NotFound", "the server could not find the requested resource"));
    }

    private (int, JsonNode) Write(string method, string path, string mediaType, string body, IQueryCollection query)
    {
        var manager = query["fieldManager"].FirstOrDefault() ?? "unknown";
        lock (_gate)
        {
            try
            {
                if (HttpMethods.IsPost(method) && path == Prefix)
                {
                    var created = JsonNode.Parse(body)!.AsObject();
                    ManagedFields.RecordUpdate(null, created, manager, "v1", Now, null);
                    return (201, Store(null, created));
                }

                var name = path[(Prefix.Length + 1)..];
                _secrets.TryGetValue(name, out var live);
                var patch = JsonNode.Parse(body)!;
                if (mediaType == "application/apply-patch+yaml")
                {
                    var force = query["force"].FirstOrDefault() == "true";
                    var result = ServerSideApply.Apply(live?.DeepClone().AsObject(), patch.AsObject(), new ApplyOptions(manager, force, "v1", "Secret", Now));
                    return result.HasConflicts ? (409, result.ToConflictStatus()) : (live is null ? 201 : 200, Store(live, result.Object!));
                }

                if (live is null)
                {
                    return NotFound(name);
                }

                var updated = mediaType switch
                {
                    "application/json-patch+json" => JsonPatch.Apply(live, patch),
                    "application/merge-patch+json" => MergePatch.Apply(live, patch),
                    "application/strategic-merge-patch+json" => StrategicMergePatch.Apply(live, patch, "v1", "Secret"),
                    _ => throw new PatchException(415, "UnsupportedMediaType", "unsupported patch type " + mediaType),
                };
                ManagedFields.RecordUpdate(live, updated.AsObject(), manager, "v1", Now, null);
                return (200, Store(live, updated.AsObject()));
            }
            catch (PatchException e)
            {
                return (e.StatusCode, Status(e.StatusCode, e.Reason, e.Message));
            }
        }
    }

    private JsonObject Store(JsonObject? live, JsonObject obj)
    {
        var metadata = obj["metadata"]!.AsObject();
        metadata["namespace"] = "default";
        metadata["uid"] = live?["metadata"]?["uid"]?.DeepClone() ?? "11111111-2222-3333-4444-555555555555";
        metadata["creationTimestamp"] = live?["metadata"]?["creationTimestamp"]?.DeepClone() ?? "2024-07-01T12:00:00Z";
        metadata["resourceVersion"] = (++_revision).ToString(CultureInfo.InvariantCulture);
        _secrets[metadata["name"]!.GetValue<string>()] = obj;
        return (JsonObject)obj.DeepClone();
    }

    private static (int, JsonNode) NotFound(string name) => (404, Status(404, "NotFound", $"secrets \"{name}\" not found"));

    private static JsonObject Status(int code, string reason, string message) => new()
    {
        ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Failure",
        ["message"] = message, ["reason"] = reason, ["code"] = code,
    };
}
