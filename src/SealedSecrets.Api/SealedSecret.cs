using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using SealedSecrets.Crypto;

namespace SealedSecrets.Api;

/// <summary>
/// <c>bitnami.com/v1alpha1</c> SealedSecret. Property order follows upstream's Go struct so JSON
/// output has the same field order (<c>kind</c>, <c>apiVersion</c>, <c>metadata</c>, <c>spec</c>).
/// </summary>
[KubernetesEntity(Group = SealedSecretResource.Group, Kind = SealedSecretResource.Kind, ApiVersion = SealedSecretResource.Version, PluralName = SealedSecretResource.Plural)]
public sealed class SealedSecret : IKubernetesObject<V1ObjectMeta>
{
    /// <summary><c>SealedSecret</c>.</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = SealedSecretResource.Kind;

    /// <summary><c>bitnami.com/v1alpha1</c>.</summary>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = SealedSecretResource.ApiVersion;

    /// <summary>Object metadata; its annotations decide the scope used to decrypt.</summary>
    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    /// <summary>The sealed data and the template of the Secret to produce.</summary>
    [JsonPropertyName("spec")]
    public SealedSecretSpec Spec { get; set; } = new();

    /// <summary>Written by the controller through <c>/status</c>.</summary>
    [JsonPropertyName("status")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public SealedSecretStatus? Status { get; set; }

    /// <summary>
    /// The scope values must be decrypted with: read from this object's own
    /// <c>metadata.annotations</c>, never from the template (CVE-2026-22728).
    /// </summary>
    public SealingScope GetScope() => SealingScopeReader.FromAnnotations(Metadata?.Annotations);

    /// <summary>The OAEP label for this object's scope, namespace and name.</summary>
    public byte[] GetEncryptionLabel() => ScopeLabel.For(GetScope(), Metadata?.NamespaceProperty, Metadata?.Name);
}
