using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SealedSecrets.Api;
using SealedSecrets.Api.Serialization;

namespace SealedSecrets.Controller.Unseal;

/// <summary>
/// The digest recorded in <see cref="ControllerMessages.SourceHashAnnotation"/>: SHA-256 over the
/// SealedSecret's uid (a re-created object is new), its scope (it changes the label) and its spec
/// with <c>encryptedData</c> sorted by key. It covers ciphertexts only, so it reveals nothing.
/// </summary>
internal static class SourceHash
{
    public static string Of(SealedSecret sealedSecret)
    {
        ArgumentNullException.ThrowIfNull(sealedSecret);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void Add(string? text)
        {
            var bytes = Encoding.UTF8.GetBytes(text ?? string.Empty);
            Span<byte> length = stackalloc byte[4];
            System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
            hash.AppendData(length);
            hash.AppendData(bytes);
        }
        Add(sealedSecret.Metadata?.Uid);
        Add(sealedSecret.GetScope().ToString());
        var spec = sealedSecret.Spec ?? new SealedSecretSpec();
        foreach (var (key, value) in (spec.EncryptedData ?? []).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            Add(key);
            Add(value);
        }
        Add(spec.Data is null ? "-" : Convert.ToBase64String(spec.Data));
        var context = SealedSecretsJsonContext.Default;
        Add(spec.Template is null ? "-" : JsonSerializer.Serialize(spec.Template, context.GetTypeInfo(typeof(SecretTemplateSpec))!));
        return "sha256:" + Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
