using System.Globalization;
using System.Text.Json;
using Kube.ApiServer.Resources;
using Kube.ApiServer.Storage;

namespace Kube.ApiServer.Http;

/// <summary>
/// Metadata-only responses (kube-apiserver's <c>asPartialObjectMetadata</c> /
/// <c>asPartialObjectMetadataList</c>, handlers/response.go): a client that sends
/// <c>Accept: application/json;as=PartialObjectMetadataList;g=meta.k8s.io;v=v1</c> on a list (or
/// <c>as=PartialObjectMetadata</c> on a get or watch) receives each object as
/// <c>{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1","metadata":{…}}</c> — the whole
/// ObjectMeta, nothing else. controller-runtime's metadata informers and client-go's metadata client
/// ask this way; it is what keeps a controller's memory flat next to many large objects it ignores.
/// </summary>
internal static class PartialMetadata
{
    /// <summary>What upstream's <c>NewNotAcceptableError</c> lists for the meta codecs.</summary>
    private const string Accepted = "application/json, application/yaml, application/vnd.kubernetes.protobuf";

    /// <summary>
    /// Picks the first Accept clause the server can serve, as upstream's negotiation does
    /// (<c>acceptMediaTypeOptions</c>): a clause with <c>as=</c> counts only for Table,
    /// PartialObjectMetadata or PartialObjectMetadataList in <c>meta.k8s.io</c> v1 or v1beta1, and
    /// only in JSON (we do not encode protobuf). Null means "the plain object". When every clause
    /// names a conversion we cannot make and none falls back to the plain object: 406.
    /// </summary>
    public static AsTarget? Negotiate(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept) || !accept.Contains("as=", StringComparison.Ordinal))
        {
            return null;
        }

        foreach (var clause in accept.Split(','))
        {
            var parts = clause.Split(';');
            var essence = parts[0].Trim().ToLowerInvariant();
            string? kind = null;
            string? group = null;
            string? version = null;
            foreach (var parameter in parts.Skip(1))
            {
                var eq = parameter.IndexOf('=', StringComparison.Ordinal);
                if (eq < 0)
                {
                    continue;
                }

                var value = parameter[(eq + 1)..].Trim();
                switch (parameter[..eq].Trim())
                {
                    case "as":
                        kind = value;
                        break;
                    case "g":
                        group = value;
                        break;
                    case "v":
                        version = value;
                        break;
                }
            }

            var json = essence is "application/json" or "application/*" or "*/*";
            if (kind is null && group is null && version is null)
            {
                if (json || essence is "application/yaml" or "application/vnd.kubernetes.protobuf")
                {
                    return null;
                }

                continue;
            }

            if (json && group == "meta.k8s.io" && version is "v1" or "v1beta1" && kind is AsTarget.Partial or AsTarget.PartialList or AsTarget.Table)
            {
                return new AsTarget(kind, version);
            }
        }

        throw NotAcceptable("only the following media types are accepted: " + Accepted);
    }

    /// <summary>A get asked for a list conversion (or the reverse): upstream answers 406 after reading the object.</summary>
    public static void RequireSingle(ResourceType rt, AsTarget target)
    {
        if (target.Kind == AsTarget.PartialList)
        {
            throw NotAcceptable($"you requested {AsTarget.PartialList}, but the requested object is not a list ({GoType(rt, list: false)})");
        }
    }

    public static void RequireList(ResourceType rt, AsTarget target)
    {
        if (target.Kind == AsTarget.Partial)
        {
            throw NotAcceptable($"you requested {AsTarget.Partial}, but the requested object is a list ({GoType(rt, list: true)})");
        }
    }

    /// <summary>One object as <c>PartialObjectMetadata</c>: kind, apiVersion and the stored metadata.</summary>
    public static void WriteObject(Utf8JsonWriter writer, byte[] objectJson, AsTarget target)
    {
        using var doc = JsonDocument.Parse(objectJson);
        WriteObject(writer, doc.RootElement.TryGetProperty("metadata", out var meta) ? meta : (JsonElement?)null, target);
    }

    public static void WriteObject(Utf8JsonWriter writer, JsonElement? metadata, AsTarget target)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", AsTarget.Partial);
        writer.WriteString("apiVersion", target.ApiVersion);
        writer.WritePropertyName("metadata");
        if (metadata is { ValueKind: JsonValueKind.Object } m)
        {
            m.WriteTo(writer);
        }
        else
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    public static byte[] ObjectBytes(byte[] objectJson, AsTarget target)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(512);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            WriteObject(writer, objectJson, target);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>The bookmark of a metadata-only watch: a PartialObjectMetadata carrying only the resourceVersion.</summary>
    public static byte[] BookmarkObject(long rv, bool initialEnd, AsTarget target)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(160);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", AsTarget.Partial);
            writer.WriteString("apiVersion", target.ApiVersion);
            writer.WriteStartObject("metadata");
            writer.WriteString("resourceVersion", rv.ToString(CultureInfo.InvariantCulture));
            if (initialEnd)
            {
                writer.WriteStartObject("annotations");
                writer.WriteString("k8s.io/initial-events-end", "true");
                writer.WriteEndObject();
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static ApiException NotAcceptable(string message) => new(406, "NotAcceptable", message);

    // Upstream prints the Go type of the stored object (%T): the internal type of a built-in
    // (*core.Secret, *core.SecretList) or *unstructured.Unstructured(List) for custom resources.
    private static string GoType(ResourceType rt, bool list)
    {
        if (rt.Crd is not null)
        {
            return list ? "*unstructured.UnstructuredList" : "*unstructured.Unstructured";
        }

        var package = rt.Group.Length == 0 ? "core" : rt.Group.Split('.')[0];
        return $"*{package}.{(list ? rt.ListKind : rt.Kind)}";
    }
}
