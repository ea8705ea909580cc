using System.Text.Json.Serialization;
using k8s.Models;

namespace SealedSecrets.Api.Serialization;

/// <summary>
/// Source-generated (reflection-free, Native-AOT-safe) JSON metadata for the SealedSecret model and
/// the core types kubeseal and the controller read and write. Null members are omitted, as Go's
/// <c>omitempty</c> does for the pointer and map fields these models carry.
/// </summary>
[JsonSourceGenerationOptions(
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(Rfc3339DateTimeConverter), typeof(Rfc3339DateTimeOffsetConverter)])]
[JsonSerializable(typeof(SealedSecret))]
[JsonSerializable(typeof(SealedSecretList))]
[JsonSerializable(typeof(V1Secret))]
[JsonSerializable(typeof(V1SecretList))]
[JsonSerializable(typeof(V1ObjectMeta))]
public sealed partial class SealedSecretsJsonContext : JsonSerializerContext;
