using System.Globalization;
using System.Text.Json.Nodes;
using Kube.ApiServer.Http;
using Kube.ApiServer.Resources;
using Microsoft.AspNetCore.Http;

namespace Kube.ApiServer.Proxy;

/// <summary>
/// <c>services/{[scheme:]name[:port]}/proxy/{path}</c> (reference §12.5): resolves the Service port,
/// picks an address from the Service's Endpoints (loopback only — this server never reaches beyond
/// the machine), and relays method, path, query and body; the upstream status, content type and body
/// come back unchanged so kubeseal sees the controller's own answers (e.g. 409 from /v1/verify).
/// </summary>
internal sealed class ServiceProxy(Lazy<HttpClient> client)
{
    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "Authorization", "Host", "Content-Length",
    };

    public async Task ForwardAsync(HttpContext ctx, ObjectService objects, string ns, string target, string path)
    {
        var parts = target.Split(':');
        var (scheme, name, port) = parts.Length switch
        {
            1 => ("http", parts[0], string.Empty),
            2 => ("http", parts[0], parts[1]),
            _ => (parts[0].Length == 0 ? "http" : parts[0], parts[1], parts[2]),
        };
        var svc = objects.Store.Get("/services", ns, name) ?? throw ApiException.NotFound("services", null, name);
        var service = JsonObjects.ParseStored(svc.Json);
        var ports = (service["spec"]?["ports"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        var svcPort = port.Length == 0
            ? ports.FirstOrDefault()
            : ports.FirstOrDefault(p => (string?)p["name"] == port || p["port"]?.ToJsonString() == port);
        if (svcPort is null)
        {
            throw new ApiException(503, "ServiceUnavailable", $"no endpoints available for service \"{name}\"");
        }

        var address = ResolveEndpoint(objects, ns, name, svcPort)
            ?? throw new ApiException(503, "ServiceUnavailable", $"no endpoints available for service \"{name}\"");
        var uri = new UriBuilder(scheme, address.Host, address.Port, "/" + path) { Query = ctx.Request.QueryString.Value?.TrimStart('?') ?? string.Empty }.Uri;
        using var request = new HttpRequestMessage(new HttpMethod(ctx.Request.Method), uri);
        if (ctx.Request.ContentLength > 0 || ctx.Request.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(ctx.Request.Body);
            if (ctx.Request.ContentType is { } ct)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", ct);
            }
        }

        foreach (var (k, v) in ctx.Request.Headers)
        {
            if (!HopHeaders.Contains(k) && !k.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            {
                request.Headers.TryAddWithoutValidation(k, (IEnumerable<string?>)v);
            }
        }

        HttpResponseMessage response;
        try
        {
            response = await client.Value.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ctx.RequestAborted);
        }
        catch (HttpRequestException e)
        {
            throw new ApiException(503, "ServiceUnavailable", $"error trying to reach service: {e.Message}");
        }

        using (response)
        {
            ctx.Response.StatusCode = (int)response.StatusCode;
            foreach (var (k, v) in response.Headers.Concat(response.Content.Headers))
            {
                if (!HopHeaders.Contains(k))
                {
                    ctx.Response.Headers[k] = v.ToArray();
                }
            }

            await response.Content.CopyToAsync(ctx.Response.Body, ctx.RequestAborted);
        }
    }

    /// <summary>First ready loopback address of the Endpoints object whose port matches the Service port's targetPort/name.</summary>
    private static (string Host, int Port)? ResolveEndpoint(ObjectService objects, string ns, string name, JsonObject svcPort)
    {
        var ep = objects.Store.Get("/endpoints", ns, name);
        if (ep is null)
        {
            return null;
        }

        var endpoints = JsonObjects.ParseStored(ep.Json);
        var portName = (string?)svcPort["name"];
        foreach (var subset in (endpoints["subsets"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var ports = (subset["ports"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
            var match = ports.FirstOrDefault(p => portName is not null && (string?)p["name"] == portName) ?? ports.FirstOrDefault();
            if (match?["port"] is not JsonValue pv || !int.TryParse(pv.ToJsonString(), NumberStyles.None, CultureInfo.InvariantCulture, out var portNumber))
            {
                continue;
            }

            foreach (var addr in (subset["addresses"] as JsonArray ?? []).OfType<JsonObject>())
            {
                var ip = (string?)addr["ip"];
                if (ip is "127.0.0.1" or "::1" || (ip?.StartsWith("127.", StringComparison.Ordinal) ?? false))
                {
                    return (ip!.Contains(':', StringComparison.Ordinal) ? $"[{ip}]" : ip, portNumber);
                }
            }
        }

        return null;
    }
}
