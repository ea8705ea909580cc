using System.Text.Json.Nodes;
using Google.Protobuf;

namespace Kube.ApiServer.Tests.OpenApi;

/// <summary>
/// Reads gnostic's <c>openapi.v2.Document</c> (google/gnostic-models <c>openapiv2/OpenAPIv2.proto</c>)
/// back into Swagger JSON, written independently of the server's encoder so that a test decoding
/// the server's bytes checks the wire format against the .proto field numbers, not against itself.
/// Fields the server never writes (host, security, parameters, xml…) are rejected, so an encoder
/// that strayed onto a wrong field number fails loudly instead of being skipped.
/// </summary>
internal static class OpenApiV2ProtoReader
{
    private static readonly Dictionary<int, string> SchemaStrings = new()
    {
        [1] = "$ref", [2] = "format", [3] = "title", [4] = "description", [13] = "pattern", [26] = "discriminator",
    };

    private static readonly Dictionary<int, string> SchemaDoubles = new() { [6] = "multipleOf", [7] = "maximum", [9] = "minimum" };

    private static readonly Dictionary<int, string> SchemaInts = new()
    {
        [11] = "maxLength", [12] = "minLength", [14] = "maxItems", [15] = "minItems", [17] = "maxProperties", [18] = "minProperties",
    };

    private static readonly Dictionary<int, string> SchemaBools = new()
    {
        [8] = "exclusiveMaximum", [10] = "exclusiveMinimum", [16] = "uniqueItems", [27] = "readOnly",
    };

    public static JsonObject ReadDocument(byte[] bytes)
    {
        var doc = new JsonObject();
        var input = new CodedInputStream(bytes);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1:
                    doc["swagger"] = input.ReadString();
                    break;
                case 2:
                    doc["info"] = ReadInfo(input.ReadBytes());
                    break;
                case 8:
                    doc["paths"] = ReadEmpty(input.ReadBytes(), "Paths");
                    break;
                case 9:
                    doc["definitions"] = ReadNamedSchemas(input.ReadBytes());
                    break;
                default:
                    throw new InvalidDataException($"Document field {WireFormat.GetTagFieldNumber(tag)} is not expected");
            }
        }

        return doc;
    }

    private static JsonObject ReadInfo(ByteString bytes)
    {
        var info = new JsonObject();
        var input = bytes.CreateCodedInput();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            info[WireFormat.GetTagFieldNumber(tag) switch
            {
                1 => "title",
                2 => "version",
                3 => "description",
                var n => throw new InvalidDataException($"Info field {n} is not expected"),
            }] = input.ReadString();
        }

        return info;
    }

    private static JsonObject ReadEmpty(ByteString bytes, string message) =>
        bytes.Length == 0 ? [] : throw new InvalidDataException($"{message} was expected to be empty");

    /// <summary>A message of <c>repeated NamedSchema additional_properties = 1</c> (Definitions, Properties).</summary>
    private static JsonObject ReadNamedSchemas(ByteString bytes)
    {
        var map = new JsonObject();
        var input = bytes.CreateCodedInput();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            Expect(tag, 1, "NamedSchema list");
            var named = input.ReadBytes().CreateCodedInput();
            string? name = null;
            JsonObject? value = null;
            uint inner;
            while ((inner = named.ReadTag()) != 0)
            {
                switch (WireFormat.GetTagFieldNumber(inner))
                {
                    case 1:
                        name = named.ReadString();
                        break;
                    case 2:
                        value = ReadSchema(named.ReadBytes());
                        break;
                    default:
                        throw new InvalidDataException("NamedSchema has only fields 1 and 2");
                }
            }

            map[name ?? throw new InvalidDataException("NamedSchema without a name")] = value ?? [];
        }

        return map;
    }

    public static JsonObject ReadSchema(ByteString bytes)
    {
        var s = new JsonObject();
        var input = bytes.CreateCodedInput();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var field = WireFormat.GetTagFieldNumber(tag);
            if (SchemaStrings.TryGetValue(field, out var text))
            {
                s[text] = input.ReadString();
            }
            else if (SchemaDoubles.TryGetValue(field, out var number))
            {
                Assert.Equal(WireFormat.WireType.Fixed64, WireFormat.GetTagWireType(tag));
                s[number] = input.ReadDouble();
            }
            else if (SchemaInts.TryGetValue(field, out var integer))
            {
                s[integer] = input.ReadInt64();
            }
            else if (SchemaBools.TryGetValue(field, out var flag))
            {
                s[flag] = input.ReadBool();
            }
            else
            {
                switch (field)
                {
                    case 5:
                        s["default"] = ReadAny(input.ReadBytes());
                        break;
                    case 19:
                        ((s["required"] ??= new JsonArray()) as JsonArray)!.Add(input.ReadString());
                        break;
                    case 20:
                        ((s["enum"] ??= new JsonArray()) as JsonArray)!.Add(ReadAny(input.ReadBytes()));
                        break;
                    case 21:
                        s["additionalProperties"] = ReadAdditionalProperties(input.ReadBytes());
                        break;
                    case 22:
                        var types = ReadRepeatedStrings(input.ReadBytes());
                        s["type"] = types.Count == 1 ? types[0] : new JsonArray([.. types.Select(t => JsonValue.Create(t))]);
                        break;
                    case 23:
                        var items = ReadItems(input.ReadBytes());
                        s["items"] = items.Count == 1 ? items[0] : new JsonArray([.. items]);
                        break;
                    case 24:
                        ((s["allOf"] ??= new JsonArray()) as JsonArray)!.Add(ReadSchema(input.ReadBytes()));
                        break;
                    case 25:
                        s["properties"] = ReadNamedSchemas(input.ReadBytes());
                        break;
                    case 30:
                        s["example"] = ReadAny(input.ReadBytes());
                        break;
                    case 31:
                        var (name, value) = ReadNamedAny(input.ReadBytes());
                        s[name] = value;
                        break;
                    default:
                        throw new InvalidDataException($"Schema field {field} is not expected");
                }
            }
        }

        return s;
    }

    private static JsonNode ReadAdditionalProperties(ByteString bytes)
    {
        var input = bytes.CreateCodedInput();
        var tag = input.ReadTag();
        JsonNode result = WireFormat.GetTagFieldNumber(tag) switch
        {
            1 => ReadSchema(input.ReadBytes()),
            2 => JsonValue.Create(input.ReadBool()),
            var n => throw new InvalidDataException($"AdditionalPropertiesItem field {n} is not expected"),
        };
        Assert.Equal(0u, input.ReadTag());
        return result;
    }

    private static List<JsonObject> ReadItems(ByteString bytes)
    {
        var items = new List<JsonObject>();
        var input = bytes.CreateCodedInput();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            Expect(tag, 1, "ItemsItem");
            items.Add(ReadSchema(input.ReadBytes()));
        }

        return items;
    }

    private static List<string> ReadRepeatedStrings(ByteString bytes)
    {
        var values = new List<string>();
        var input = bytes.CreateCodedInput();
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            Expect(tag, 1, "TypeItem");
            values.Add(input.ReadString());
        }

        return values;
    }

    private static (string Name, JsonNode? Value) ReadNamedAny(ByteString bytes)
    {
        var input = bytes.CreateCodedInput();
        string? name = null;
        JsonNode? value = null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1:
                    name = input.ReadString();
                    break;
                case 2:
                    value = ReadAny(input.ReadBytes());
                    break;
                default:
                    throw new InvalidDataException("NamedAny has only fields 1 and 2");
            }
        }

        return (name ?? throw new InvalidDataException("NamedAny without a name"), value);
    }

    /// <summary>gnostic <c>Any</c>: the YAML text (field 2), parsed here as JSON, which the server writes.</summary>
    private static JsonNode? ReadAny(ByteString bytes)
    {
        var input = bytes.CreateCodedInput();
        var tag = input.ReadTag();
        Expect(tag, 2, "Any (yaml)");
        var yaml = input.ReadString();
        Assert.Equal(0u, input.ReadTag());
        return JsonNode.Parse(yaml);
    }

    private static void Expect(uint tag, int field, string message)
    {
        if (WireFormat.GetTagFieldNumber(tag) != field || WireFormat.GetTagWireType(tag) != WireFormat.WireType.LengthDelimited)
        {
            throw new InvalidDataException($"{message}: unexpected field {WireFormat.GetTagFieldNumber(tag)}");
        }
    }
}
