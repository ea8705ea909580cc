using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Google.Protobuf;

namespace Kube.ApiServer.Protobuf;

/// <summary>
/// Decodes <c>application/vnd.kubernetes.protobuf</c> request bodies into the JSON object the JSON
/// API would have carried, for the kinds kubectl's generator commands send (reference §2.3): v1
/// Secret, ConfigMap, Namespace, ServiceAccount, authentication.k8s.io/v1 TokenRequest and
/// authorization.k8s.io/v1 SelfSubjectAccessReview.
/// <para>
/// Wire layout (apimachinery <c>runtime/serializer/protobuf</c>): the 4 bytes <c>k8s\0</c>, then a
/// <c>runtime.Unknown</c> message {typeMeta{apiVersion, kind}, raw, contentEncoding, contentType}
/// whose <c>raw</c> is the typed message of the generated.proto files. Go's encoder writes every
/// non-pointer field even when empty; the JSON encoder omits those (<c>omitempty</c>), so empty
/// strings, zero numbers, false booleans and zero times are dropped unless the Go field is a pointer.
/// Fields we do not know are skipped, as protobuf readers do.
/// </para>
/// </summary>
public static class KubeProtobuf
{
    /// <summary>The request/response media type of the Kubernetes protobuf encoding.</summary>
    public const string MediaType = "application/vnd.kubernetes.protobuf";

    private static readonly byte[] Magic = "k8s\0"u8.ToArray();

    /// <summary>True when <paramref name="apiVersion"/>/<paramref name="kind"/> can be decoded.</summary>
    public static bool IsSupported(string apiVersion, string kind) => ProtoSchemas.ForKind(apiVersion, kind) is not null;

    public static bool TryDecode(ReadOnlySpan<byte> body, out JsonObject? obj, out string? error)
    {
        obj = null;
        if (body.Length < Magic.Length || !body[..Magic.Length].SequenceEqual(Magic))
        {
            error = "protobuf body does not start with the Kubernetes magic prefix \"k8s\\0\"";
            return false;
        }

        try
        {
            var (typeMeta, raw, encoding, contentType) = ReadEnvelope(body[Magic.Length..].ToArray());
            var apiVersion = typeMeta["apiVersion"]?.GetValue<string>() ?? string.Empty;
            var kind = typeMeta["kind"]?.GetValue<string>() ?? string.Empty;
            if (encoding.Length > 0)
            {
                error = $"protobuf envelope for {Describe(apiVersion, kind)} uses unsupported contentEncoding \"{encoding}\"";
                return false;
            }

            if (contentType.Length > 0 && contentType != MediaType)
            {
                error = $"protobuf envelope for {Describe(apiVersion, kind)} carries unsupported contentType \"{contentType}\"";
                return false;
            }

            var message = ProtoSchemas.ForKind(apiVersion, kind);
            if (message is null)
            {
                error = $"protobuf decoding of {Describe(apiVersion, kind)} is not supported; send application/json";
                return false;
            }

            var typed = DecodeMessage(raw, message);
            obj = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind };
            foreach (var (key, value) in typed)
            {
                obj[key] = value?.DeepClone();
            }

            error = null;
            return true;
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidDataException or FormatException or JsonException or ArgumentException or InvalidOperationException)
        {
            // The message names the structural problem only; payload bytes never reach it.
            error = $"protobuf body could not be decoded: {e.Message}";
            obj = null;
            return false;
        }
    }

    /// <summary>
    /// Encodes a JSON object of a supported kind in the Kubernetes protobuf envelope, the inverse of
    /// <see cref="TryDecode"/> (used by tests and for protobuf responses if ever needed).
    /// </summary>
    public static byte[] Encode(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var apiVersion = obj["apiVersion"]?.GetValue<string>() ?? throw new ArgumentException("apiVersion is required", nameof(obj));
        var kind = obj["kind"]?.GetValue<string>() ?? throw new ArgumentException("kind is required", nameof(obj));
        var message = ProtoSchemas.ForKind(apiVersion, kind) ?? throw new ArgumentException($"protobuf encoding of {Describe(apiVersion, kind)} is not supported", nameof(obj));

        var envelope = new JsonObject
        {
            ["typeMeta"] = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind },
            ["raw"] = Convert.ToBase64String(EncodeMessage(obj, message)),
            ["contentEncoding"] = string.Empty,
            ["contentType"] = string.Empty,
        };
        return [.. Magic, .. EncodeMessage(envelope, ProtoSchemas.Unknown, keepEmptyStrings: true)];
    }

    /// <summary>Reads runtime.Unknown without re-encoding its raw bytes.</summary>
    private static (JsonObject TypeMeta, byte[] Raw, string Encoding, string ContentType) ReadEnvelope(byte[] bytes)
    {
        var input = new CodedInputStream(bytes);
        JsonObject typeMeta = [];
        byte[] raw = [];
        string encoding = string.Empty, contentType = string.Empty;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited:
                    typeMeta = DecodeMessage(input.ReadBytes().ToByteArray(), ProtoSchemas.TypeMeta);
                    break;
                case 2 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited:
                    raw = input.ReadBytes().ToByteArray();
                    break;
                case 3 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited:
                    encoding = input.ReadString();
                    break;
                case 4 when WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited:
                    contentType = input.ReadString();
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return (typeMeta, raw, encoding, contentType);
    }

    private static string Describe(string apiVersion, string kind) => $"{(apiVersion.Length == 0 ? "(no apiVersion)" : apiVersion)}, Kind={(kind.Length == 0 ? "(no kind)" : kind)}";

    private static JsonObject DecodeMessage(byte[] bytes, ProtoMessage message)
    {
        var values = new Dictionary<int, JsonNode?>();
        var input = new CodedInputStream(bytes);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var number = WireFormat.GetTagFieldNumber(tag);
            var field = message.Field(number);
            if (field is null)
            {
                input.SkipLastField();
                continue;
            }

            var wire = WireFormat.GetTagWireType(tag);
            var expected = field.Kind is ProtoKind.Bool or ProtoKind.Int32 or ProtoKind.Int64 ? WireFormat.WireType.Varint : WireFormat.WireType.LengthDelimited;
            if (wire != expected)
            {
                throw new InvalidDataException($"field {number} ({field.Json}) of {message.Name} has wire type {wire}, expected {expected}");
            }

            if (field.Kind is ProtoKind.MapStringString or ProtoKind.MapStringBytes)
            {
                // A map is a repeated entry message {key = 1, value = 2}.
                if (!values.TryGetValue(number, out var map) || map is not JsonObject entries)
                {
                    values[number] = entries = [];
                }

                var entry = DecodeMessage(input.ReadBytes().ToByteArray(), field.Kind == ProtoKind.MapStringString ? StringEntry : BytesEntry);
                entries[entry["key"]?.GetValue<string>() ?? string.Empty] = entry["value"]?.DeepClone() ?? JsonValue.Create(string.Empty);
                continue;
            }

            var value = ReadValue(input, field);
            if (field.Repeated)
            {
                if (!values.TryGetValue(number, out var list) || list is not JsonArray array)
                {
                    values[number] = array = [];
                }

                array.Add(value);
            }
            else
            {
                values[number] = value; // proto2: the last occurrence of a singular field wins.
            }
        }

        var result = new JsonObject();
        foreach (var field in message.Fields)
        {
            if (values.TryGetValue(field.Number, out var value) && value is not null && (field.KeepZero || !IsZero(value)))
            {
                result[field.Json] = value;
            }
        }

        return result;
    }

    private static JsonNode? ReadValue(CodedInputStream input, ProtoField field)
    {
        switch (field.Kind)
        {
            case ProtoKind.String:
                return JsonValue.Create(input.ReadString());
            case ProtoKind.Bytes:
                return JsonValue.Create(input.ReadBytes().ToBase64());
            case ProtoKind.Bool:
                return JsonValue.Create(input.ReadBool());
            case ProtoKind.Int32:
                return JsonValue.Create(input.ReadInt32());
            case ProtoKind.Int64:
                return JsonValue.Create(input.ReadInt64());
            case ProtoKind.Message:
                return DecodeMessage(input.ReadBytes().ToByteArray(), field.Message!);
            case ProtoKind.Time:
                return ReadTime(input.ReadBytes().ToByteArray());
            case ProtoKind.FieldsV1:
                var raw = DecodeMessage(input.ReadBytes().ToByteArray(), FieldsV1Message);
                return raw["raw"] is JsonValue b ? JsonNode.Parse(Convert.FromBase64String(b.GetValue<string>())) : new JsonObject();
            default:
                throw new InvalidDataException($"unsupported field kind {field.Kind}");
        }
    }

    private static readonly ProtoMessage FieldsV1Message = new("meta.v1.FieldsV1", new ProtoField(1, "raw", ProtoKind.Bytes));

    // Map entries keep empty values: an empty string is a real value of a key.
    private static readonly ProtoMessage StringEntry = new("MapEntry", new ProtoField(1, "key", ProtoKind.String, KeepZero: true), new ProtoField(2, "value", ProtoKind.String, KeepZero: true));

    private static readonly ProtoMessage BytesEntry = new("MapEntry", new ProtoField(1, "key", ProtoKind.String, KeepZero: true), new ProtoField(2, "value", ProtoKind.Bytes, KeepZero: true));

    private static readonly ProtoMessage TimeMessage = new("meta.v1.Time", new ProtoField(1, "seconds", ProtoKind.Int64), new ProtoField(2, "nanos", ProtoKind.Int32));

    private static JsonValue? ReadTime(byte[] bytes)
    {
        var time = DecodeMessage(bytes, TimeMessage);
        var seconds = time["seconds"]?.GetValue<long>() ?? 0;
        var nanos = time["nanos"]?.GetValue<int>() ?? 0;
        if (seconds == 0 && nanos == 0)
        {
            return null; // metav1.Time's zero value; JSON shows null and the server sets its own.
        }

        // metav1.Time marshals to JSON as RFC 3339 with second precision, in UTC.
        return JsonValue.Create(DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
    }

    private static bool IsZero(JsonNode value) => value switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>().Length == 0,
        JsonValue v when v.GetValueKind() == JsonValueKind.False => true,
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => v.ToJsonString() == "0",
        JsonArray a => a.Count == 0,
        _ => false,
    };

    private static byte[] EncodeMessage(JsonObject obj, ProtoMessage message, bool keepEmptyStrings = false)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        foreach (var field in message.Fields.OrderBy(f => f.Number))
        {
            if (!obj.TryGetPropertyValue(field.Json, out var value) || value is null)
            {
                continue;
            }

            var items = field.Repeated ? value.AsArray().ToArray() : [value];
            foreach (var item in items)
            {
                WriteValue(output, field, item!, keepEmptyStrings);
            }
        }

        output.Flush();
        return buffer.ToArray();
    }

    private static void WriteValue(CodedOutputStream output, ProtoField field, JsonNode value, bool keepEmptyStrings)
    {
        switch (field.Kind)
        {
            case ProtoKind.String:
                var text = value.GetValue<string>();
                if (text.Length > 0 || keepEmptyStrings || field.Repeated)
                {
                    output.WriteTag(field.Number, WireFormat.WireType.LengthDelimited);
                    output.WriteString(text);
                }

                break;
            case ProtoKind.Bytes:
                output.WriteTag(field.Number, WireFormat.WireType.LengthDelimited);
                output.WriteBytes(ByteString.FromBase64(value.GetValue<string>()));
                break;
            case ProtoKind.Bool:
                output.WriteTag(field.Number, WireFormat.WireType.Varint);
                output.WriteBool(value.GetValue<bool>());
                break;
            case ProtoKind.Int32:
                output.WriteTag(field.Number, WireFormat.WireType.Varint);
                output.WriteInt32(value.GetValue<int>());
                break;
            case ProtoKind.Int64:
                output.WriteTag(field.Number, WireFormat.WireType.Varint);
                output.WriteInt64(value.GetValue<long>());
                break;
            case ProtoKind.Message:
                WriteBytes(output, field.Number, EncodeMessage(value.AsObject(), field.Message!));
                break;
            case ProtoKind.Time:
                var seconds = DateTimeOffset.Parse(value.GetValue<string>(), CultureInfo.InvariantCulture).ToUnixTimeSeconds();
                WriteBytes(output, field.Number, EncodeMessage(new JsonObject { ["seconds"] = seconds }, TimeMessage));
                break;
            case ProtoKind.FieldsV1:
                var raw = Convert.ToBase64String(Encoding.UTF8.GetBytes(value.ToJsonString()));
                WriteBytes(output, field.Number, EncodeMessage(new JsonObject { ["raw"] = raw }, FieldsV1Message));
                break;
            case ProtoKind.MapStringString:
            case ProtoKind.MapStringBytes:
                // Go writes map entries sorted by key.
                foreach (var (key, entry) in value.AsObject().OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    var pair = new JsonObject { ["key"] = key, ["value"] = entry?.DeepClone() };
                    WriteBytes(output, field.Number, EncodeMessage(pair, field.Kind == ProtoKind.MapStringString ? StringEntry : BytesEntry, keepEmptyStrings: true));
                }

                break;
            default:
                throw new InvalidOperationException($"unsupported field kind {field.Kind}");
        }
    }

    private static void WriteBytes(CodedOutputStream output, int number, byte[] bytes)
    {
        output.WriteTag(number, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(bytes));
    }
}
