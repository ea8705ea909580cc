namespace Kube.ApiServer.Protobuf;

/// <summary>How one field of a Kubernetes generated.proto message is carried and shown as JSON.</summary>
internal enum ProtoKind
{
    /// <summary>proto2 <c>string</c>.</summary>
    String,

    /// <summary>proto2 <c>bytes</c>; JSON carries it base64-encoded like Go's []byte.</summary>
    Bytes,

    /// <summary>proto2 <c>bool</c>.</summary>
    Bool,

    /// <summary>proto2 <c>int32</c>.</summary>
    Int32,

    /// <summary>proto2 <c>int64</c>.</summary>
    Int64,

    /// <summary>A nested message.</summary>
    Message,

    /// <summary><c>map&lt;string, string&gt;</c>.</summary>
    MapStringString,

    /// <summary><c>map&lt;string, bytes&gt;</c>; JSON values are base64.</summary>
    MapStringBytes,

    /// <summary>meta/v1 Time {seconds = 1, nanos = 2}; JSON is RFC 3339 with second precision.</summary>
    Time,

    /// <summary>meta/v1 FieldsV1 {raw = 1}; the raw bytes are the JSON object itself.</summary>
    FieldsV1,
}
