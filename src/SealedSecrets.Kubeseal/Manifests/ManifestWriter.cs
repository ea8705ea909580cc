using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using SealedSecrets.Api.Serialization;
using SealedSecrets.Kubeseal.Cli;

namespace SealedSecrets.Kubeseal.Manifests;

/// <summary>
/// Writes objects as kubeseal does: JSON pretty-printed with two spaces and a trailing newline,
/// fields in Go struct order; YAML as <c>---</c> then the document with sorted keys.
/// </summary>
internal static class ManifestWriter
{
    private static readonly JsonSerializerOptions Options = new(SealedSecretsJsonContext.Default.Options)
    {
        WriteIndented = true,
        // Like Go: non-ASCII and '+' (base64!) are written as they are.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static JsonObject ToTree<T>(T value)
    {
        var typeInfo = (JsonTypeInfo<T>)Options.GetTypeInfo(typeof(T));
        var tree = JsonSerializer.SerializeToNode(value, typeInfo)!.AsObject();
        GoFieldOrder.Apply(tree);
        return tree;
    }

    public static string Write(JsonObject tree, OutputFormat format)
    {
        if (format == OutputFormat.Yaml)
        {
            return "---\n" + YamlWriter.Write(tree);
        }
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            tree.WriteTo(writer);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    public static string Write<T>(T value, OutputFormat format) => Write(ToTree(value), format);
}
