using System.Text.Json.Nodes;
using Kube.ApiServer.Resources;
using Microsoft.AspNetCore.Http;

namespace Kube.ApiServer.Http;

/// <summary>The <c>scale</c> subresource of custom resources whose CRD declares <c>subresources.scale</c>.</summary>
internal sealed partial class ApiHandler
{
    /// <summary>
    /// GET answers the <c>autoscaling/v1 Scale</c> view; PUT and PATCH (JSON, merge or strategic
    /// merge patch of the Scale, as <c>kubectl scale</c> sends) change the custom resource's spec
    /// replicas through the normal update path (schema validation, generation, resourceVersion
    /// precondition when the Scale carries one), and answer the resulting Scale.
    /// </summary>
    private async Task ScaleAsync(HttpContext ctx, ResourceType rt, string ns, string name)
    {
        var scale = rt.Scale!;
        Func<JsonObject, JsonObject> change;
        switch (ctx.Request.Method)
        {
            case "GET":
                var stored = _objects.Store.Get(rt.StorageKey, ns, name) ?? throw ApiException.NotFound(rt.Plural, rt.Group, name);
                await WriteJsonAsync(ctx, 200, scale.ToScale(ObjectService.Read(rt, stored)));
                return;
            case "PUT":
                var body = await ReadObjectAsync(ctx, rt);
                change = _ => body;
                break;
            case "PATCH":
                var patch = ParseNode(await ReadBodyAsync(ctx));
                change = MediaTypes.Essence(ctx.Request.ContentType) switch
                {
                    MediaTypes.JsonPatch => current => AsObject(PatchEngines.Json(current, patch)),
                    MediaTypes.MergePatch => current => AsObject(PatchEngines.Merge(current, patch)),
                    MediaTypes.StrategicMergePatch => current => AsObject(PatchEngines.Strategic(current, patch, "autoscaling/v1", "Scale")),
                    _ => throw ApiException.UnsupportedMediaType([MediaTypes.JsonPatch, MediaTypes.MergePatch, MediaTypes.StrategicMergePatch]),
                };
                break;
            default:
                throw ApiException.MethodNotAllowed("the server does not allow this method on the requested resource");
        }

        var options = Options(ctx, ctx.Request.Method == "PUT" ? "update" : "patch");
        var result = await _objects.UpdateAsync(
            rt, ns, name, null, UpdateKind.Put, current => scale.Apply(current!, change(scale.ToScale(current!)), name), options, ctx.RequestAborted);
        AddWarnings(ctx, options);
        await WriteJsonAsync(ctx, 200, scale.ToScale(result.Object));
    }
}
