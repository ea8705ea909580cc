using System.Security.Cryptography;
using System.Text;
using k8s.Models;
using SealedSecrets.Crypto;

namespace SealedSecrets.Api;

/// <summary>
/// Builds a SealedSecret from a Secret as upstream's <c>NewSealedSecret</c> does (reference
/// sealed-secrets.md §1.4): every <c>data</c> then <c>stringData</c> value sealed separately under the
/// scope label; the input metadata copied into <c>spec.template.metadata</c> minus server-set fields,
/// ownerReferences and last-applied annotations; top-level metadata holding only name, namespace
/// and the scope annotation.
/// </summary>
public static class SealedSecretSealer
{
    /// <summary>Seals <paramref name="secret"/> (not modified) for <paramref name="key"/>.</summary>
    /// <param name="secret">The input Secret; must have a name, and a namespace unless cluster-wide.</param>
    /// <param name="key">The controller's public key.</param>
    /// <param name="requestedScope">
    /// <c>--scope</c>. When not strict it replaces the input's scope annotations; when strict the
    /// input's own annotations decide the scope.
    /// </param>
    /// <param name="random">Randomness for the session keys.</param>
    public static SealedSecret Seal(V1Secret secret, SealingPublicKey key, SealingScope requestedScope, RandomNumberGenerator random)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(key);
        var metadata = ObjectMetaCopy.Of(secret.Metadata);
        if (requestedScope != SealingScope.Strict)
        {
            metadata.Annotations = SealingScopeReader.WithScope(metadata.Annotations, requestedScope);
        }
        var scope = SealingScopeReader.FromAnnotations(metadata.Annotations);
        if (string.IsNullOrEmpty(metadata.Name))
        {
            throw new SealedSecretException("missing metadata.name in input Secret");
        }
        if (string.IsNullOrEmpty(metadata.NamespaceProperty) && scope != SealingScope.ClusterWide)
        {
            throw new SealedSecretException($"Secret \"{metadata.Name}\" must declare a namespace (metadata.namespace)");
        }

        var label = ScopeLabel.For(scope, metadata.NamespaceProperty, metadata.Name);
        var encrypted = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in secret.Data ?? new Dictionary<string, byte[]>())
        {
            encrypted[name] = HybridEncryption.EncryptToBase64(key, value ?? [], label, random);
        }
        foreach (var (name, value) in secret.StringData ?? new Dictionary<string, string>())
        {
            encrypted[name] = HybridEncryption.EncryptToBase64(key, Encoding.UTF8.GetBytes(value ?? string.Empty), label, random);
        }

        return new SealedSecret
        {
            Metadata = new V1ObjectMeta
            {
                Name = metadata.Name,
                NamespaceProperty = metadata.NamespaceProperty,
                Annotations = ScopeAnnotationOnly(scope),
            },
            Spec = new SealedSecretSpec
            {
                Template = new SecretTemplateSpec
                {
                    Metadata = TemplateMetadata(metadata),
                    Type = secret.Type,
                    Immutable = secret.Immutable,
                },
                EncryptedData = encrypted,
            },
        };
    }

    /// <summary>Upstream's template metadata: the input's, minus what must not travel (#227, #243).</summary>
    internal static V1ObjectMeta TemplateMetadata(V1ObjectMeta metadata)
    {
        var copy = ObjectMetaCopy.Of(metadata);
        if (copy.Annotations is not null)
        {
            copy.Annotations.Remove(SealedSecretAnnotations.KubectlLastApplied);
            copy.Annotations.Remove(SealedSecretAnnotations.KubecfgLastApplied);
            if (copy.Annotations.Count == 0)
            {
                copy.Annotations = null;
            }
        }
        copy.OwnerReferences = null;
        copy.SelfLink = null;
        copy.Uid = null;
        copy.ResourceVersion = null;
        copy.Generation = null;
        copy.CreationTimestamp = null;
        copy.DeletionTimestamp = null;
        copy.DeletionGracePeriodSeconds = null;
        return copy;
    }

    private static Dictionary<string, string>? ScopeAnnotationOnly(SealingScope scope) => scope switch
    {
        SealingScope.ClusterWide => new(StringComparer.Ordinal) { [SealedSecretAnnotations.ClusterWide] = SealedSecretAnnotations.True },
        SealingScope.NamespaceWide => new(StringComparer.Ordinal) { [SealedSecretAnnotations.NamespaceWide] = SealedSecretAnnotations.True },
        _ => null,
    };
}
