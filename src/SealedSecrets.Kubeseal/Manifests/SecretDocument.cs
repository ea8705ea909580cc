using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using SealedSecrets.Api;
using SealedSecrets.Api.Serialization;
using SealedSecrets.Crypto;

namespace SealedSecrets.Kubeseal.Manifests;

/// <summary>
/// Turns parsed documents into typed objects with errors that name the object and the field.
/// Value checks happen before typed deserialization, so no message ever quotes a value.
/// </summary>
internal static class SecretDocument
{
    public static V1Secret ToSecret(JsonObject document)
    {
        var kind = document["kind"] is JsonValue k && k.GetValueKind() == JsonValueKind.String ? k.GetValue<string>() : null;
        var name = (document["metadata"] as JsonObject)?["name"] is JsonValue n && n.GetValueKind() == JsonValueKind.String ? n.GetValue<string>() : null;
        var what = name is null ? "input Secret" : $"Secret \"{name}\"";
        if (kind is null)
        {
            throw new KubesealException("input object has no kind: expected kind \"Secret\" (apiVersion v1)");
        }
        if (kind != "Secret")
        {
            throw new KubesealException($"input object {(name is null ? string.Empty : $"\"{name}\" ")}is a {kind}, not a Secret: kubeseal seals kind \"Secret\" (apiVersion v1)");
        }
        CheckMap(document, "data", what, requireBase64: true);
        CheckMap(document, "stringData", what, requireBase64: false);
        try
        {
            return document.Deserialize(SealedSecretsJsonContext.Default.V1Secret)!;
        }
        catch (JsonException ex)
        {
            throw new KubesealException($"{what} does not match the Secret schema at {ex.Path}");
        }
    }

    public static SealedSecret ToSealedSecret(JsonObject document, string what)
    {
        var kind = document["kind"]?.GetValueKind() == JsonValueKind.String ? document["kind"]!.GetValue<string>() : null;
        if (kind != SealedSecretResource.Kind)
        {
            throw new KubesealException($"{what} is {(kind is null ? "an object without kind" : $"a {kind}")}, not a SealedSecret (apiVersion {SealedSecretResource.ApiVersion})");
        }
        try
        {
            return document.Deserialize(SealedSecretsJsonContext.Default.SealedSecret)!;
        }
        catch (JsonException ex)
        {
            throw new KubesealException($"{what} does not match the SealedSecret schema at {ex.Path}");
        }
    }

    private static void CheckMap(JsonObject document, string field, string what, bool requireBase64)
    {
        switch (document[field])
        {
            case null:
                return;
            case JsonObject map:
                foreach (var (key, value) in map)
                {
                    if (value is null)
                    {
                        continue;
                    }
                    if (value.GetValueKind() != JsonValueKind.String)
                    {
                        throw new KubesealException($"{what}: {field}[\"{key}\"] must be a string");
                    }
                    if (requireBase64 && !SealedValueEncoding.TryFromBase64(value.GetValue<string>(), out _))
                    {
                        throw new KubesealException($"{what}: {field}[\"{key}\"] is not valid base64 (illegal base64 data)");
                    }
                }
                return;
            default:
                throw new KubesealException($"{what}: {field} must be a map of strings");
        }
    }
}
