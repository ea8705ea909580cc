using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Kube.ApiServer.Http;

/// <summary><c>/openapi/v2</c> content negotiation and conditional requests.</summary>
internal sealed partial class ApiHandler
{
    /// <summary>The protobuf media types kube-openapi's handler accepts; both are answered with the second.</summary>
    private const string OpenApiV2ProtobufDeprecated = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";

    private const string OpenApiV2ProtobufType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    private static readonly string[] OpenApiV2Types = [MediaTypes.Json, OpenApiV2ProtobufDeprecated, OpenApiV2ProtobufType];

    /// <summary>
    /// Serves the document like kube-openapi's handler: the Accept clauses, best quality first, are
    /// matched in turn against JSON, then the two protobuf types (wildcards allowed; no Accept means
    /// <c>*/*</c>, i.e. JSON); the deprecated <c>@v1.0</c> type is answered with the current one;
    /// nothing acceptable is 406. Every answer varies by Accept and carries the ETag, and
    /// <c>If-None-Match</c> (or, without it, <c>If-Modified-Since</c>) yields 304 as Go's
    /// <c>http.ServeContent</c> does, which is what client-go's disk cache revalidates with.
    /// </summary>
    private async Task ServeOpenApiV2Async(HttpContext ctx)
    {
        if (!HttpMethods.IsGet(ctx.Request.Method) && !HttpMethods.IsHead(ctx.Request.Method))
        {
            throw ApiException.MethodNotAllowed("the server does not allow this method on the requested resource");
        }

        ctx.Response.Headers.Vary = "Accept";
        var chosen = NegotiateOpenApiV2(ctx.Request.Headers.Accept.ToString());
        if (chosen is null)
        {
            ctx.Response.StatusCode = StatusCodes.Status406NotAcceptable;
            return;
        }

        var doc = _openApiV2.Current();
        ctx.Response.Headers.ETag = doc.ETag;
        ctx.Response.Headers.LastModified = doc.LastModified.ToString("R", CultureInfo.InvariantCulture);
        ctx.Response.ContentType = chosen == MediaTypes.Json ? MediaTypes.Json : OpenApiV2ProtobufType;
        if (NotModified(ctx.Request, doc))
        {
            ctx.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        var body = chosen == MediaTypes.Json ? doc.Json : doc.Protobuf;
        ctx.Response.StatusCode = StatusCodes.Status200OK;
        ctx.Response.ContentLength = body.Length;
        if (HttpMethods.IsGet(ctx.Request.Method))
        {
            await ctx.Response.Body.WriteAsync(body, ctx.RequestAborted);
        }
    }

    /// <summary>The media type to answer with, or null for 406.</summary>
    internal static string? NegotiateOpenApiV2(string accept)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            accept = "*/*";
        }

        // Hand-parsed: the deprecated type contains '@', which HTTP header parsers reject as a token character.
        var clauses = new List<(string Type, string SubType, double Quality, int Index)>();
        foreach (var part in accept.Split(','))
        {
            var pieces = part.Split(';');
            var range = pieces[0].Trim();
            var slash = range.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0)
            {
                continue;
            }

            var quality = 1.0;
            foreach (var parameter in pieces.Skip(1))
            {
                var kv = parameter.Split('=', 2);
                if (kv.Length == 2 && kv[0].Trim() == "q" && double.TryParse(kv[1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var q))
                {
                    quality = q;
                }
            }

            clauses.Add((range[..slash], range[(slash + 1)..], quality, clauses.Count));
        }

        // Quality first, then the more specific range (as goautoneg orders clauses); stable otherwise.
        var ordered = clauses
            .Where(c => c.Quality > 0)
            .OrderByDescending(c => c.Quality)
            .ThenBy(c => c.Type == "*" ? 2 : c.SubType == "*" ? 1 : 0)
            .ThenBy(c => c.Index);
        foreach (var clause in ordered)
        {
            foreach (var offered in OpenApiV2Types)
            {
                var slash = offered.IndexOf('/', StringComparison.Ordinal);
                if ((clause.Type == "*" || clause.Type.Equals(offered[..slash], StringComparison.OrdinalIgnoreCase))
                    && (clause.SubType == "*" || clause.SubType.Equals(offered[(slash + 1)..], StringComparison.OrdinalIgnoreCase)))
                {
                    return offered;
                }
            }
        }

        return null;
    }

    private static bool NotModified(HttpRequest request, OpenApiV2Document.Snapshot doc)
    {
        var ifNoneMatch = request.Headers.IfNoneMatch.ToString();
        if (ifNoneMatch.Length > 0)
        {
            // Weak comparison, as Go's ServeContent does for If-None-Match.
            return ifNoneMatch.Split(',').Select(t => t.Trim()).Any(t => t == "*" || (t.StartsWith("W/", StringComparison.Ordinal) ? t[2..] : t) == doc.ETag);
        }

        var since = request.Headers.IfModifiedSince.ToString();
        return since.Length > 0
            && DateTimeOffset.TryParseExact(since, "R", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)
            && doc.LastModified.ToUnixTimeSeconds() <= t.ToUnixTimeSeconds();
    }
}
