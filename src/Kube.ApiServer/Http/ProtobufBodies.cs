using System.Text.Json.Nodes;
using Kube.ApiServer.Protobuf;

namespace Kube.ApiServer.Http;

/// <summary>Protobuf request bodies (kubectl's generator commands, reference §2.3) decoded by <see cref="KubeProtobuf"/>.</summary>
internal static class ProtobufBodies
{
    public static JsonObject Decode(byte[] bytes)
    {
        if (KubeProtobuf.TryDecode(bytes, out var obj, out var error) && obj is not null)
        {
            return obj;
        }

        throw new ApiException(415, "UnsupportedMediaType", $"the protobuf body could not be decoded: {error}");
    }
}
