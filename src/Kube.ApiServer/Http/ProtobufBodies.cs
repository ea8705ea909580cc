using System.Text.Json.Nodes;

namespace Kube.ApiServer.Http;

/// <summary>
/// Protobuf request bodies (kubectl's generator commands, reference §2.3), decoded by the
/// <c>Protobuf/</c> engine once it lands; until then they are refused with 415 as upstream would
/// refuse an unknown format.
/// </summary>
internal static class ProtobufBodies
{
    public static JsonObject Decode(byte[] bytes)
    {
        _ = bytes;
        throw ApiException.UnsupportedMediaType([MediaTypes.Json, MediaTypes.Yaml]);
    }
}
