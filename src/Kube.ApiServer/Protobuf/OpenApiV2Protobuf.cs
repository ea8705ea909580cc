using System.Globalization;
using System.Text.Json.Nodes;
using Google.Protobuf;
using Kube.ApiServer.Resources;

namespace Kube.ApiServer.Protobuf;

/// <summary>
/// Encodes a Swagger 2.0 document (as JSON) into gnostic's <c>openapi.v2.Document</c> protobuf
/// message (google/gnostic-models <c>openapiv2/OpenAPIv2.proto</c>), the form kubectl and client-go
/// request from <c>/openapi/v2</c> with <c>Accept: application/com.github.proto-openapi.spec.v2@v1.0+protobuf</c>
/// and decode with <c>proto.Unmarshal</c> (client-go never falls back to JSON for v2).
/// <para>
/// Covered: Document {swagger=1, info=2, paths=8, definitions=9}, Info {title=1, version=2,
/// description=3}, Paths (empty: the server publishes no operations in v2) and the full Schema
/// message. Values gnostic keeps as <c>Any</c> (default, enum, example, vendor extensions) carry
/// their value in <c>Any.yaml</c> (field 2); we write JSON there, which is valid YAML and what
/// kube-openapi's <c>VendorExtensionToMap</c> unmarshals. Present fields are always written, even
/// when zero, so the message decodes back to the same document.
/// </para>
/// </summary>
internal static class OpenApiV2Protobuf
{
    public static byte[] EncodeDocument(JsonObject doc) => Message(o =>
    {
        if (Str(doc, "swagger") is { } swagger)
        {
            WriteString(o, 1, swagger);
        }

        if (doc["info"] is JsonObject info)
        {
            WriteMessage(o, 2, Message(i =>
            {
                WriteStringField(i, 1, info, "title");
                WriteStringField(i, 2, info, "version");
                WriteStringField(i, 3, info, "description");
            }));
        }

        if (doc["paths"] is JsonObject)
        {
            WriteMessage(o, 8, []);
        }

        if (doc["definitions"] is JsonObject definitions)
        {
            WriteMessage(o, 9, NamedSchemas(definitions, 1));
        }
    });

    /// <summary>gnostic <c>Schema</c>, fields in field-number order as Go's marshaller writes them.</summary>
    public static byte[] EncodeSchema(JsonObject s) => Message(o =>
    {
        WriteStringField(o, 1, s, "$ref");
        WriteStringField(o, 2, s, "format");
        WriteStringField(o, 3, s, "title");
        WriteStringField(o, 4, s, "description");
        WriteAny(o, 5, s["default"], s.ContainsKey("default"));
        WriteDouble(o, 6, s["multipleOf"]);
        WriteDouble(o, 7, s["maximum"]);
        WriteBool(o, 8, s["exclusiveMaximum"]);
        WriteDouble(o, 9, s["minimum"]);
        WriteBool(o, 10, s["exclusiveMinimum"]);
        WriteInt64(o, 11, s["maxLength"]);
        WriteInt64(o, 12, s["minLength"]);
        WriteStringField(o, 13, s, "pattern");
        WriteInt64(o, 14, s["maxItems"]);
        WriteInt64(o, 15, s["minItems"]);
        WriteBool(o, 16, s["uniqueItems"]);
        WriteInt64(o, 17, s["maxProperties"]);
        WriteInt64(o, 18, s["minProperties"]);
        if (s["required"] is JsonArray required)
        {
            foreach (var r in required)
            {
                WriteString(o, 19, (string?)r ?? string.Empty);
            }
        }

        if (s["enum"] is JsonArray values)
        {
            foreach (var v in values)
            {
                WriteAny(o, 20, v, present: true);
            }
        }

        switch (s["additionalProperties"])
        {
            case JsonObject extra:
                WriteMessage(o, 21, Message(a => WriteMessage(a, 1, EncodeSchema(extra))));
                break;
            case JsonValue flag when flag.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False:
                var allowed = flag.GetValueKind() == System.Text.Json.JsonValueKind.True;
                WriteMessage(o, 21, Message(a =>
                {
                    a.WriteTag(2, WireFormat.WireType.Varint);
                    a.WriteBool(allowed);
                }));
                break;
        }

        switch (s["type"])
        {
            case JsonValue one:
                WriteMessage(o, 22, Message(t => WriteString(t, 1, one.GetValue<string>())));
                break;
            case JsonArray many:
                WriteMessage(o, 22, Message(t =>
                {
                    foreach (var name in many)
                    {
                        WriteString(t, 1, (string?)name ?? string.Empty);
                    }
                }));
                break;
        }

        switch (s["items"])
        {
            case JsonObject item:
                WriteMessage(o, 23, Message(i => WriteMessage(i, 1, EncodeSchema(item))));
                break;
            case JsonArray tuple:
                WriteMessage(o, 23, Message(i =>
                {
                    foreach (var item in tuple.OfType<JsonObject>())
                    {
                        WriteMessage(i, 1, EncodeSchema(item));
                    }
                }));
                break;
        }

        if (s["allOf"] is JsonArray allOf)
        {
            foreach (var part in allOf.OfType<JsonObject>())
            {
                WriteMessage(o, 24, EncodeSchema(part));
            }
        }

        if (s["properties"] is JsonObject properties)
        {
            WriteMessage(o, 25, NamedSchemas(properties, 1));
        }

        WriteStringField(o, 26, s, "discriminator");
        WriteBool(o, 27, s["readOnly"]);
        WriteAny(o, 30, s["example"], s.ContainsKey("example"));
        foreach (var (key, value) in s)
        {
            if (key.StartsWith("x-", StringComparison.Ordinal))
            {
                WriteMessage(o, 31, Message(n =>
                {
                    WriteString(n, 1, key);
                    WriteMessage(n, 2, AnyMessage(value));
                }));
            }
        }
    });

    /// <summary>A message holding <c>repeated NamedSchema</c> (name=1, value=2) at <paramref name="field"/>.</summary>
    private static byte[] NamedSchemas(JsonObject map, int field) => Message(o =>
    {
        foreach (var (name, value) in map)
        {
            WriteMessage(o, field, Message(n =>
            {
                WriteString(n, 1, name);
                WriteMessage(n, 2, EncodeSchema(value as JsonObject ?? []));
            }));
        }
    });

    /// <summary>gnostic <c>Any</c>: the value as YAML text in field 2 (JSON is YAML).</summary>
    private static byte[] AnyMessage(JsonNode? value) =>
        Message(a => WriteString(a, 2, value is null ? "null" : System.Text.Encoding.UTF8.GetString(JsonObjects.ToBytes(value))));

    private static void WriteAny(CodedOutputStream o, int field, JsonNode? value, bool present)
    {
        if (present)
        {
            WriteMessage(o, field, AnyMessage(value));
        }
    }

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        write(output);
        output.Flush();
        return buffer.ToArray();
    }

    private static void WriteMessage(CodedOutputStream o, int field, byte[] body)
    {
        o.WriteTag(field, WireFormat.WireType.LengthDelimited);
        o.WriteBytes(ByteString.CopyFrom(body));
    }

    private static void WriteString(CodedOutputStream o, int field, string value)
    {
        o.WriteTag(field, WireFormat.WireType.LengthDelimited);
        o.WriteString(value);
    }

    private static void WriteStringField(CodedOutputStream o, int field, JsonObject s, string key)
    {
        if (Str(s, key) is { } value)
        {
            WriteString(o, field, value);
        }
    }

    private static void WriteDouble(CodedOutputStream o, int field, JsonNode? node)
    {
        // Parsed and constructed numbers differ in backing type; their JSON text does not.
        if (node?.GetValueKind() == System.Text.Json.JsonValueKind.Number
            && double.TryParse(node.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
        {
            o.WriteTag(field, WireFormat.WireType.Fixed64);
            o.WriteDouble(d);
        }
    }

    private static void WriteInt64(CodedOutputStream o, int field, JsonNode? node)
    {
        if (node?.GetValueKind() == System.Text.Json.JsonValueKind.Number
            && long.TryParse(node.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
        {
            o.WriteTag(field, WireFormat.WireType.Varint);
            o.WriteInt64(n);
        }
    }

    private static void WriteBool(CodedOutputStream o, int field, JsonNode? node)
    {
        if (node?.GetValueKind() is System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False)
        {
            o.WriteTag(field, WireFormat.WireType.Varint);
            o.WriteBool(node.GetValueKind() == System.Text.Json.JsonValueKind.True);
        }
    }

    private static string? Str(JsonObject o, string key) => o[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
}
