using System.Text.Json;
using k8s.Models;
using SealedSecrets.Api.Serialization;

namespace SealedSecrets.Api;

/// <summary>Deep copies of metadata through the source-generated serializer (no reflection).</summary>
internal static class ObjectMetaCopy
{
    internal static V1ObjectMeta Of(V1ObjectMeta? metadata) =>
        metadata is null
            ? new V1ObjectMeta()
            : JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(metadata, SealedSecretsJsonContext.Default.V1ObjectMeta), SealedSecretsJsonContext.Default.V1ObjectMeta)!;
}
