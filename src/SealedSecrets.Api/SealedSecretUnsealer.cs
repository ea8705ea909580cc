using System.Text;
using System.Text.Json;
using k8s.Models;
using SealedSecrets.Api.Serialization;
using SealedSecrets.Crypto;

namespace SealedSecrets.Api;

/// <summary>
/// Produces the Secret a SealedSecret stands for, as upstream's <c>SealedSecret.Unseal</c>
/// (reference sealed-secrets.md §1.5): template metadata with name and namespace forced, every
/// <c>encryptedData</c> value opened with any of the keys under the label from the object's own
/// annotations, templates rendered, and one controller ownerReference. Any error fails the whole
/// unseal; no partial Secret is returned.
/// </summary>
public static class SealedSecretUnsealer
{
    /// <summary>Unseals <paramref name="sealedSecret"/> with <paramref name="keys"/>, tried in order.</summary>
    /// <exception cref="SealedSecretException">A value cannot be opened, or the object is inconsistent.</exception>
    public static V1Secret Unseal(SealedSecret sealedSecret, IReadOnlyList<SealingPrivateKey> keys, UnsealOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(sealedSecret);
        ArgumentNullException.ThrowIfNull(keys);
        options ??= new UnsealOptions();
        var spec = sealedSecret.Spec ?? new SealedSecretSpec();
        var label = sealedSecret.GetEncryptionLabel();

        V1Secret secret;
        if (spec.Data is not null)
        {
            secret = UnsealV1(sealedSecret, spec, keys, label, options);
        }
        else
        {
            secret = new V1Secret
            {
                ApiVersion = "v1",
                Kind = "Secret",
                Metadata = ObjectMetaCopy.Of(spec.Template?.Metadata),
                Type = spec.Template?.Type,
                Immutable = spec.Template?.Immutable,
                Data = Render(spec, DecryptAll(spec.EncryptedData, keys, label), options.TemplateRenderer),
            };
        }
        secret.Metadata.Name = sealedSecret.Metadata?.Name;
        secret.Metadata.NamespaceProperty = sealedSecret.Metadata?.NamespaceProperty;
        SetOwner(secret.Metadata, sealedSecret);
        return secret;
    }

    private static Dictionary<string, byte[]> DecryptAll(Dictionary<string, string>? encryptedData, IReadOnlyList<SealingPrivateKey> keys, byte[] label)
    {
        var data = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var failures = new List<(string Key, string Message)>();
        foreach (var (name, value) in (encryptedData ?? []).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            try
            {
                data[name] = HybridEncryption.DecryptBase64(keys, value, label).Plaintext;
            }
            catch (SealedValueException ex)
            {
                failures.Add((name, ex.Message));
            }
        }
        if (failures.Count > 0)
        {
            throw new SealedSecretException(JoinErrors(failures));
        }
        return data;
    }

    // Upstream tags each error with its key and merges identical ones (multierror.Uniq):
    // "no key could decrypt secret (a, b)"; different errors go on separate lines.
    private static string JoinErrors(List<(string Key, string Message)> failures) =>
        string.Join('\n', failures
            .GroupBy(f => f.Message, StringComparer.Ordinal)
            .Select(g => $"{g.Key} ({string.Join(", ", g.Select(f => f.Key))})"));

    private static Dictionary<string, byte[]> Render(SealedSecretSpec spec, Dictionary<string, byte[]> decrypted, ISecretTemplateRenderer? renderer)
    {
        var templates = spec.Template?.Data;
        if (templates is null || templates.Count == 0)
        {
            return decrypted;
        }
        // v0.37 (#1940): templates also see the raw template strings of keys not sealed.
        var values = new Dictionary<string, byte[]>(decrypted, StringComparer.Ordinal);
        foreach (var (name, template) in templates)
        {
            if (template is not null && !decrypted.ContainsKey(name))
            {
                values[name] = Encoding.UTF8.GetBytes(template);
            }
        }
        var output = new Dictionary<string, byte[]>(decrypted, StringComparer.Ordinal);
        foreach (var (name, template) in templates.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            if (template is null)
            {
                output.Remove(name); // v0.40 (#1871): null omits the sealed key.
            }
            else if (!decrypted.ContainsKey(name)) // v0.37: the decrypted value wins.
            {
                output[name] = RenderOne(name, template, values, renderer);
            }
        }
        return output;
    }

    private static byte[] RenderOne(string name, string template, Dictionary<string, byte[]> values, ISecretTemplateRenderer? renderer)
    {
        if (renderer is not null)
        {
            return renderer.Render(name, template, values);
        }
        // A template without actions renders to itself in Go's text/template.
        return template.Contains("{{", StringComparison.Ordinal)
            ? throw new SealedSecretException($"spec.template.data[\"{name}\"] is a template and no template engine is available here")
            : Encoding.UTF8.GetBytes(template);
    }

    private static V1Secret UnsealV1(SealedSecret sealedSecret, SealedSecretSpec spec, IReadOnlyList<SealingPrivateKey> keys, byte[] label, UnsealOptions options)
    {
        if (spec.EncryptedData is { Count: > 0 })
        {
            throw new SealedSecretException("cannot use the field 'encryptedData' and the deprecated field 'data' at the same time");
        }
        if (!options.AcceptDeprecatedV1Data)
        {
            throw new SealedSecretException("using deprecated 'data' field, use 'encryptedData' or flip the feature flag");
        }
        byte[] plaintext;
        try
        {
            plaintext = HybridEncryption.Decrypt(keys, spec.Data, label).Plaintext;
        }
        catch (SealedValueException ex)
        {
            throw new SealedSecretException($"SealedSecret {sealedSecret.Metadata?.NamespaceProperty}/{sealedSecret.Metadata?.Name} spec.data: {ex.Message}", ex);
        }
        try
        {
            var secret = JsonSerializer.Deserialize(plaintext, SealedSecretsJsonContext.Default.V1Secret)
                ?? throw new SealedSecretException("spec.data does not hold a Secret");
            secret.Metadata ??= new V1ObjectMeta();
            return secret;
        }
        catch (JsonException ex)
        {
            // The JSON error may quote plaintext, so only its position is kept.
            throw new SealedSecretException($"spec.data does not hold a valid Secret (at byte {ex.BytePositionInLine})");
        }
    }

    private static void SetOwner(V1ObjectMeta metadata, SealedSecret owner)
    {
        if (metadata.Annotations is not null
            && metadata.Annotations.TryGetValue(SealedSecretAnnotations.SkipSetOwnerReferences, out var skip)
            && skip == SealedSecretAnnotations.True)
        {
            return;
        }
        metadata.OwnerReferences =
        [
            new V1OwnerReference
            {
                ApiVersion = SealedSecretResource.ApiVersion,
                Kind = SealedSecretResource.Kind,
                Name = owner.Metadata?.Name,
                Uid = owner.Metadata?.Uid,
                Controller = true,
            },
        ];
    }
}
