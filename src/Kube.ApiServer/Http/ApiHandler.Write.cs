using System.Text.Json.Nodes;
using Kube.ApiServer.Patching;
using Kube.ApiServer.Resources;
using Kube.ApiServer.Selectors;
using Microsoft.AspNetCore.Http;

namespace Kube.ApiServer.Http;

/// <summary>create, update, patch (four content types), delete, deletecollection and the create-only virtual kinds.</summary>
internal sealed partial class ApiHandler
{
    private static readonly string[] PatchTypes = [MediaTypes.JsonPatch, MediaTypes.MergePatch, MediaTypes.StrategicMergePatch, MediaTypes.ApplyPatch];

    private async Task CreateAsync(HttpContext ctx, ResourceType rt, string ns)
    {
        var body = await ReadObjectAsync(ctx, rt);
        if (rt.Virtual)
        {
            var answer = rt.Behavior == ResourceBehavior.TokenReview ? _tokens.TokenReview(body) : SelfSubjectAccessReview(body);
            await WriteJsonAsync(ctx, 201, answer);
            return;
        }

        var options = Options(ctx, "create");
        var result = await _objects.CreateAsync(rt, ns, body, options, ctx.RequestAborted);
        AddWarnings(ctx, options);
        await WriteJsonAsync(ctx, 201, result.Object);
    }

    private async Task UpdateAsync(HttpContext ctx, ResourceType rt, string ns, string name, string? sub)
    {
        var body = await ReadObjectAsync(ctx, rt);
        var options = Options(ctx, "update");
        var result = await _objects.UpdateAsync(rt, ns, name, sub, UpdateKind.Put, _ => body, options, ctx.RequestAborted);
        AddWarnings(ctx, options);
        await WriteJsonAsync(ctx, result.Created ? 201 : 200, result.Object);
    }

    private async Task PatchAsync(HttpContext ctx, ResourceType rt, string ns, string name, string? sub)
    {
        var type = MediaTypes.Essence(ctx.Request.ContentType);
        var bytes = await ReadBodyAsync(ctx);
        var options = Options(ctx, "patch");
        Func<JsonObject?, JsonObject> compute;
        var kind = UpdateKind.Patch;
        switch (type)
        {
            case MediaTypes.JsonPatch:
                var ops = ParseNode(bytes);
                compute = cur => AsObject(PatchEngines.Json(cur!, ops));
                break;
            case MediaTypes.MergePatch:
                var merge = ParseNode(bytes);
                compute = cur => AsObject(PatchEngines.Merge(cur!, merge));
                break;
            case MediaTypes.StrategicMergePatch:
                if (rt.Crd is not null)
                {
                    throw ApiException.UnsupportedMediaType(PatchTypes.Where(p => p != MediaTypes.StrategicMergePatch));
                }

                var smp = ParseNode(bytes);
                compute = cur => AsObject(PatchEngines.Strategic(cur!, smp, rt.ApiVersion, rt.Kind));
                break;
            case MediaTypes.ApplyPatch:
                if (!ctx.Request.Query.ContainsKey("fieldManager"))
                {
                    throw ApiException.BadRequest("PATCH, application/apply-patch+yaml requires fieldManager parameter");
                }

                var applied = YamlBody.ParseObject(bytes);
                var force = GoBool(ctx.Request.Query["force"]);
                kind = UpdateKind.Apply;
                options.ManagedFieldsComputed = true;
                compute = cur =>
                {
                    // A resourceVersion in the applied configuration is a precondition, as upstream.
                    var wanted = JsonObjects.Str(JsonObjects.Obj(applied, "metadata"), "resourceVersion");
                    if (cur is not null && !string.IsNullOrEmpty(wanted) && wanted != JsonObjects.Str(JsonObjects.Metadata(cur), "resourceVersion"))
                    {
                        throw ApiException.StaleResourceVersion(rt.Plural, rt.Group, name);
                    }

                    return PatchEngines.Apply(cur, applied, options.FieldManager, rt.ApiVersion, rt.Kind, force, _time.GetUtcNow(), rt.Crd?.Schema, sub);
                };
                break;
            default:
                throw ApiException.UnsupportedMediaType(PatchTypes);
        }

        var result = await _objects.UpdateAsync(rt, ns, name, sub, kind, compute, options, ctx.RequestAborted);
        AddWarnings(ctx, options);
        await WriteJsonAsync(ctx, result.Created ? 201 : 200, result.Object);
    }

    private async Task DeleteAsync(HttpContext ctx, ResourceType rt, string ns, string name)
    {
        var request = await DeleteOptionsAsync(ctx);
        var result = await _objects.DeleteAsync(rt, ns, name, request, ctx.RequestAborted);
        if (result.Removed && rt.Crd is null && rt.Behavior != ResourceBehavior.CustomResourceDefinition)
        {
            // Built-in registries answer an immediate delete with a Success Status (ReturnDeletedObject=false).
            var details = new JsonObject { ["name"] = name };
            if (rt.Group.Length > 0)
            {
                details["group"] = rt.Group;
            }

            details["kind"] = rt.Plural;
            details["uid"] = JsonObjects.Str(JsonObjects.Metadata(result.Object), "uid");
            await WriteJsonAsync(ctx, 200, new JsonObject
            {
                ["kind"] = "Status",
                ["apiVersion"] = "v1",
                ["metadata"] = new JsonObject(),
                ["status"] = "Success",
                ["details"] = details,
            });
            return;
        }

        await WriteJsonAsync(ctx, 200, result.Object);
    }

    private async Task DeleteCollectionAsync(HttpContext ctx, ResourceType rt, string? ns)
    {
        var labels = LabelSelector.Parse(ctx.Request.Query["labelSelector"]);
        var fields = FieldSelector.Parse(ctx.Request.Query["fieldSelector"], rt.Kind);
        var request = await DeleteOptionsAsync(ctx);
        var items = new JsonArray();
        foreach (var o in _objects.Store.List(rt.StorageKey, ns, out _))
        {
            if (!labels.Matches(o.Labels) || !fields.Matches(o.Json))
            {
                continue;
            }

            try
            {
                var r = await _objects.DeleteAsync(rt, o.Namespace, o.Name, request, ctx.RequestAborted);
                items.Add(r.Object);
            }
            catch (ApiException e) when (e.Code == 404)
            {
                // Deleted concurrently: nothing left to do for it.
            }
        }

        await WriteJsonAsync(ctx, 200, new JsonObject
        {
            ["kind"] = rt.ListKind,
            ["apiVersion"] = rt.ApiVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = _objects.Store.Revision.ToString(System.Globalization.CultureInfo.InvariantCulture) },
            ["items"] = items,
        });
    }

    private async Task CreateTokenAsync(HttpContext ctx, string ns, string name)
    {
        var body = await ReadBodyAsync(ctx);
        JsonObject request;
        if (MediaTypes.Essence(ctx.Request.ContentType) == MediaTypes.Protobuf)
        {
            request = DecodeProtobuf(bytes: body);
        }
        else
        {
            request = body.Length == 0 ? [] : JsonObjects.Parse(body, "TokenRequest");
        }

        var sa = _objects.Store.Get("/serviceaccounts", ns, name) ?? throw ApiException.NotFound("serviceaccounts", null, name);
        var answer = _tokens.CreateToken(ns, name, sa.Uid, request);
        await WriteJsonAsync(ctx, 201, answer);
    }

    private static JsonObject SelfSubjectAccessReview(JsonObject body)
    {
        // No RBAC here: every authenticated caller may do everything (reference §12.6).
        var answer = (JsonObject)body.DeepClone();
        answer["apiVersion"] = "authorization.k8s.io/v1";
        answer["kind"] = "SelfSubjectAccessReview";
        answer["metadata"] ??= new JsonObject();
        answer["status"] = new JsonObject { ["allowed"] = true, ["reason"] = "no authorization is enforced by the embedded dev server" };
        return answer;
    }

    private static JsonObject AsObject(JsonNode node) =>
        node as JsonObject ?? throw ApiException.BadRequest("the patched document is not a JSON object");

    private static JsonNode ParseNode(byte[] bytes)
    {
        try
        {
            return JsonNode.Parse(bytes) ?? throw ApiException.BadRequest("the patch is empty");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw ApiException.BadRequest($"error decoding patch: {e.Message}");
        }
    }

    private static async Task<DeleteRequest> DeleteOptionsAsync(HttpContext ctx)
    {
        var q = ctx.Request.Query;
        var body = await ReadBodyAsync(ctx);
        var opts = body.Length > 0 ? JsonObjects.Parse(body, "DeleteOptions") : [];
        var policy = JsonObjects.Str(opts, "propagationPolicy") ?? (q.ContainsKey("propagationPolicy") ? q["propagationPolicy"].ToString() : null);
        var orphan = opts["orphanDependents"] is JsonValue ov && ov.TryGetValue<bool>(out var ob) ? ob : q["orphanDependents"].ToString() == "true";
        if (policy is null && orphan)
        {
            policy = "Orphan";
        }

        if (policy is not null and not ("Background" or "Foreground" or "Orphan"))
        {
            throw ApiException.Invalid("DeleteOptions", null, string.Empty, "propagationPolicy", $"Unsupported value: \"{policy}\": supported values: \"Foreground\", \"Background\", \"Orphan\"", "FieldValueNotSupported");
        }

        var pre = JsonObjects.Obj(opts, "preconditions");
        var dryRun = JsonObjects.StringList(opts, "dryRun").Contains("All") || q["dryRun"].ToString() == "All";
        return new DeleteRequest(policy, JsonObjects.Str(pre, "uid"), JsonObjects.Str(pre, "resourceVersion"), dryRun);
    }

    private static WriteOptions Options(HttpContext ctx, string verb)
    {
        var q = ctx.Request.Query;
        var dryRun = q["dryRun"].ToString();
        if (dryRun.Length > 0 && dryRun != "All")
        {
            throw ApiException.BadRequest($"Invalid dryRun value: \"{dryRun}\"; only \"All\" is supported");
        }

        var validation = q["fieldValidation"].ToString();
        if (validation.Length == 0)
        {
            validation = "Warn";
        }
        else if (validation is not ("Ignore" or "Warn" or "Strict"))
        {
            throw ApiException.BadRequest($"fieldValidation must be one of \"Ignore\", \"Warn\", or \"Strict\", got \"{validation}\"");
        }

        var manager = q["fieldManager"].ToString();
        if (manager.Length == 0)
        {
            // Upstream derives the manager from the User-Agent's product token.
            var ua = ctx.Request.Headers.UserAgent.ToString();
            manager = ua.Length == 0 ? "unknown" : ua.Split('/')[0];
        }

        _ = verb;
        return new WriteOptions { DryRun = dryRun == "All", FieldManager = manager, FieldValidation = validation };
    }

    private static void AddWarnings(HttpContext ctx, WriteOptions options)
    {
        foreach (var w in options.Warnings)
        {
            ctx.Response.Headers.Append("Warning", $"299 - \"{w.Replace("\"", "\\\"", StringComparison.Ordinal)}\"");
        }
    }
}
