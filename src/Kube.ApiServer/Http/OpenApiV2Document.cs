using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Kube.ApiServer.Protobuf;
using Kube.ApiServer.Resources;

namespace Kube.ApiServer.Http;

/// <summary>
/// <c>/openapi/v2</c>: a Swagger 2.0 document whose <c>definitions</c> describe every served kind
/// (<see cref="OpenApiSchemas"/>), in JSON and in gnostic protobuf, with one ETag for both (the
/// SHA-512 of the JSON, upper-case hex, as kube-openapi's handler computes it). Rebuilt when the
/// registry changes (CRDs added, changed or removed).
/// <para>
/// kubectl validates a <c>v1 List</c> (for example the output of <c>kubectl get … -o yaml</c>)
/// client-side with these definitions: its field-validation check always answers "unsupported" for
/// List, so each item is looked up here by <c>x-kubernetes-group-version-kind</c> and validated
/// (unknown fields, types). The document has no <c>paths</c> on purpose: kubectl reads patch types
/// and strategic-merge metadata from v2 operations when it finds them, and without them it keeps
/// using its compiled-in metadata for built-ins and merge patches for custom resources, as it does
/// against this server today.
/// </para>
/// </summary>
internal sealed class OpenApiV2Document(ResourceRegistry registry, TimeProvider time)
{
    private readonly Lock _sync = new();
    private long _generation = -1;
    private Snapshot? _current;

    public Snapshot Current()
    {
        lock (_sync)
        {
            if (_current is null || _generation != registry.Generation)
            {
                var generation = registry.Generation;
                var doc = Build(registry.All);
                var json = JsonObjects.ToBytes(doc);
                var etag = $"\"{Convert.ToHexString(SHA512.HashData(json))}\"";
                // A rebuild that changes nothing (e.g. a CRD's status update) keeps the validator
                // time, so caches revalidating with If-Modified-Since stay valid.
                var modified = _current?.ETag == etag ? _current.LastModified : time.GetUtcNow();
                _current = new Snapshot(json, OpenApiV2Protobuf.EncodeDocument(doc), etag, modified);
                _generation = generation;
            }

            return _current;
        }
    }

    public static JsonObject Build(IEnumerable<ResourceType> types) => new()
    {
        ["swagger"] = "2.0",
        ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = ServerInfo.GitVersion },
        ["paths"] = new JsonObject(),
        ["definitions"] = OpenApiSchemas.V2Definitions(types),
    };

    /// <summary>One generation of the document in both encodings.</summary>
    internal sealed record Snapshot(byte[] Json, byte[] Protobuf, string ETag, DateTimeOffset LastModified);
}
