using System.Text;
using System.Text.Json.Nodes;

namespace Kube.ApiServer.Http;

/// <summary>
/// The opaque <c>continue</c> token of paged lists: the list's resourceVersion and the last key
/// served. Later pages continue after that key in the current state (no snapshot is held).
/// </summary>
internal static class ContinueToken
{
    public static string Create(string rv, string ns, string name)
    {
        var json = new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = rv, ["ns"] = ns, ["name"] = name }.ToJsonString();
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static (string? Ns, string? Name, string? Rv) Parse(string? token)
    {
        if (string.IsNullOrEmpty(token))
        {
            return (null, null, null);
        }

        try
        {
            var b64 = token.Replace('-', '+').Replace('_', '/');
            b64 += new string('=', (4 - (b64.Length % 4)) % 4);
            var node = JsonNode.Parse(Convert.FromBase64String(b64)) as JsonObject;
            return ((string?)node?["ns"], (string?)node?["name"] ?? throw new FormatException(), (string?)node?["rv"]);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            throw ApiException.BadRequest("continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)");
        }
    }
}
