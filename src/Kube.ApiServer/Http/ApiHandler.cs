using System.Security.Cryptography;
using System.Text;
using Kube.ApiServer.Auth;
using Kube.ApiServer.Patching;
using Kube.ApiServer.Proxy;
using Kube.ApiServer.Resources;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Kube.ApiServer.Http;

/// <summary>
/// The single request entry point: authentication, routing of the Kubernetes REST paths
/// (reference §6), and mapping of failures to Status objects (§13).
/// </summary>
internal sealed partial class ApiHandler
{
    private readonly ObjectService _objects;
    private readonly ResourceRegistry _registry;
    private readonly TokenIssuer _tokens;
    private readonly ServiceProxy _proxy;
    private readonly DiscoveryDocuments _discovery;
    private readonly OpenApiDocuments _openApi;
    private readonly OpenApiV2Document _openApiV2;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly byte[] _adminToken;
    private readonly string _minorVersion;

    public ApiHandler(
        ObjectService objects, TokenIssuer tokens, ServiceProxy proxy, string adminToken, TimeProvider time, ILogger logger, string minorVersion)
    {
        _minorVersion = minorVersion;
        _objects = objects;
        _registry = objects.Registry;
        _tokens = tokens;
        _proxy = proxy;
        _time = time;
        _logger = logger;
        _adminToken = Encoding.UTF8.GetBytes(adminToken);
        _discovery = new DiscoveryDocuments(_registry);
        _openApi = new OpenApiDocuments(_registry);
        _openApiV2 = new OpenApiV2Document(_registry, time);
    }

    public async Task HandleAsync(HttpContext ctx)
    {
        var path = ctx.Request.Path.Value ?? "/";
        try
        {
            ctx.Response.Headers["Audit-Id"] = Guid.NewGuid().ToString();
            if (!IsPublic(path) && !Authenticated(ctx))
            {
                throw new ApiException(401, "Unauthorized", "Unauthorized");
            }

            await RouteAsync(ctx, path);
        }
        catch (ApiException e)
        {
            await WriteStatusAsync(ctx, e);
        }
        catch (PatchException e)
        {
            if (!ctx.Response.HasStarted)
            {
                ctx.Response.Clear();
                await WriteJsonAsync(ctx, e.StatusCode, e.ToStatus());
            }
        }
        catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
        {
            // Client went away (typically a watch being closed).
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or ArgumentException or KeyNotFoundException or IOException)
        {
            Log.RequestFailed(_logger, ctx.Request.Method, path, e);
            if (!ctx.Response.HasStarted)
            {
                await WriteStatusAsync(ctx, new ApiException(500, "InternalError", $"Internal error occurred: {e.GetType().Name}"));
            }
        }
    }

    private static bool IsPublic(string path) =>
        path is "/version" or "/healthz" or "/livez" or "/readyz" or "/.well-known/openid-configuration" or "/openid/v1/jwks"
        || path.StartsWith("/healthz/", StringComparison.Ordinal) || path.StartsWith("/livez/", StringComparison.Ordinal)
        || path.StartsWith("/readyz/", StringComparison.Ordinal);

    private bool Authenticated(HttpContext ctx)
    {
        var header = ctx.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var token = header[7..].Trim();
        var bytes = Encoding.UTF8.GetBytes(token);
        if (CryptographicOperations.FixedTimeEquals(bytes, _adminToken))
        {
            return true;
        }

        // Service account tokens we issued authenticate too (as on a real cluster); no RBAC is enforced.
        return _tokens.Review(token, audiences: null).Authenticated;
    }

    private async Task RouteAsync(HttpContext ctx, string path)
    {
        switch (path)
        {
            case "/version":
                await WriteJsonAsync(ctx, 200, DiscoveryDocuments.Version(_minorVersion));
                return;
            case "/healthz" or "/livez" or "/readyz":
                ctx.Response.ContentType = "text/plain; charset=utf-8";
                await ctx.Response.WriteAsync("ok", ctx.RequestAborted);
                return;
            case "/.well-known/openid-configuration":
                await WriteJsonAsync(ctx, 200, _tokens.OpenIdConfiguration());
                return;
            case "/openid/v1/jwks":
                ctx.Response.ContentType = "application/jwk-set+json";
                await ctx.Response.WriteAsync(_tokens.Jwks().ToJsonString(), ctx.RequestAborted);
                return;
        }

        if (path.StartsWith("/healthz/", StringComparison.Ordinal) || path.StartsWith("/livez/", StringComparison.Ordinal)
            || path.StartsWith("/readyz/", StringComparison.Ordinal))
        {
            ctx.Response.ContentType = "text/plain; charset=utf-8";
            await ctx.Response.WriteAsync("ok", ctx.RequestAborted);
            return;
        }

        if (path == "/openapi/v2")
        {
            await ServeOpenApiV2Async(ctx);
            return;
        }

        if (path == "/openapi/v3" || path.StartsWith("/openapi/v3/", StringComparison.Ordinal))
        {
            var doc = path == "/openapi/v3" ? _openApi.Root() : _openApi.Document(path["/openapi/v3/".Length..]);
            if (doc is null)
            {
                throw ApiException.PathNotFound();
            }

            if (ctx.Request.Query.ContainsKey("hash"))
            {
                ctx.Response.Headers.CacheControl = "public, immutable";
            }

            await WriteBytesAsync(ctx, 200, doc, "application/json");
            return;
        }

        var segments = path.Trim('/').Split('/');
        if (segments[0] == "api" || segments[0] == "apis")
        {
            await RouteApiAsync(ctx, segments);
            return;
        }

        throw ApiException.PathNotFound();
    }

    private async Task RouteApiAsync(HttpContext ctx, string[] s)
    {
        var accept = ctx.Request.Headers.Accept.ToString();
        string group;
        string version;
        string[] rest;
        if (s[0] == "api")
        {
            if (s.Length == 1)
            {
                await WriteDiscoveryAsync(ctx, accept, core: true);
                return;
            }

            group = string.Empty;
            version = s[1];
            rest = s[2..];
        }
        else
        {
            if (s.Length == 1)
            {
                await WriteDiscoveryAsync(ctx, accept, core: false);
                return;
            }

            if (s.Length == 2)
            {
                await WriteJsonAsync(ctx, 200, _discovery.Group(s[1]) ?? throw ApiException.PathNotFound());
                return;
            }

            group = s[1];
            version = s[2];
            rest = s[3..];
        }

        if (rest.Length == 0)
        {
            await WriteJsonAsync(ctx, 200, _discovery.ResourceList(group, version) ?? throw ApiException.PathNotFound());
            return;
        }

        string? ns = null;
        if (rest[0] == "namespaces" && rest.Length >= 3 && !(group.Length == 0 && rest.Length == 3 && rest[2] is "status" or "finalize"))
        {
            ns = rest[1];
            rest = rest[2..];
        }

        var rt = _registry.Find(group, version, rest[0]) ?? throw ApiException.PathNotFound();
        if (rt.Namespaced != (ns is not null) && (rest.Length > 1 || !rt.Namespaced))
        {
            throw ApiException.PathNotFound();
        }

        var name = rest.Length > 1 ? rest[1] : null;
        var sub = rest.Length > 2 ? rest[2] : null;
        var method = ctx.Request.Method;
        if (name is null)
        {
            await (method switch
            {
                "GET" => IsWatch(ctx) ? WatchAsync(ctx, rt, ns) : ListAsync(ctx, rt, ns),
                "POST" => CreateAsync(ctx, rt, ns ?? string.Empty),
                "DELETE" => DeleteCollectionAsync(ctx, rt, ns),
                _ => throw ApiException.MethodNotAllowed($"the server does not allow this method on the requested resource"),
            });
            return;
        }

        if (sub is null)
        {
            await (method switch
            {
                "GET" => GetAsync(ctx, rt, ns ?? string.Empty, name),
                "PUT" => UpdateAsync(ctx, rt, ns ?? string.Empty, name, null),
                "PATCH" => PatchAsync(ctx, rt, ns ?? string.Empty, name, null),
                "DELETE" => DeleteAsync(ctx, rt, ns ?? string.Empty, name),
                _ => throw ApiException.MethodNotAllowed("the server does not allow this method on the requested resource"),
            });
            return;
        }

        if (sub == "status" && rt.HasStatus && rest.Length == 3)
        {
            await (method switch
            {
                "GET" => GetAsync(ctx, rt, ns ?? string.Empty, name),
                "PUT" => UpdateAsync(ctx, rt, ns ?? string.Empty, name, "status"),
                "PATCH" => PatchAsync(ctx, rt, ns ?? string.Empty, name, "status"),
                _ => throw ApiException.MethodNotAllowed("the server does not allow this method on the requested resource"),
            });
            return;
        }

        if (sub == "scale" && rt.Scale is not null && rest.Length == 3)
        {
            await ScaleAsync(ctx, rt, ns ?? string.Empty, name);
            return;
        }

        if (sub == "token" && rt.StorageKey == "/serviceaccounts" && method == "POST" && rest.Length == 3)
        {
            await CreateTokenAsync(ctx, ns!, name);
            return;
        }

        if (sub == "proxy" && rt.StorageKey == "/services")
        {
            await _proxy.ForwardAsync(ctx, _objects, ns!, name, string.Join('/', rest[3..]));
            return;
        }

        throw ApiException.PathNotFound();
    }

    private static bool IsWatch(HttpContext ctx) => GoBool(ctx.Request.Query["watch"]);

    /// <summary>Query booleans parse like Go's strconv.ParseBool (python sends <c>True</c>).</summary>
    private static bool GoBool(Microsoft.Extensions.Primitives.StringValues value) =>
        value.ToString() is "1" or "t" or "T" or "true" or "TRUE" or "True";

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Error, "{Method} {Path} failed")]
        public static partial void RequestFailed(ILogger logger, string method, string path, Exception e);
    }
}
