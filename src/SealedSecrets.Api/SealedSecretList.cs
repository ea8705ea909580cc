using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace SealedSecrets.Api;

/// <summary>A list of SealedSecrets as the API server returns it.</summary>
[KubernetesEntity(Group = SealedSecretResource.Group, Kind = SealedSecretResource.ListKind, ApiVersion = SealedSecretResource.Version, PluralName = SealedSecretResource.Plural)]
public sealed class SealedSecretList : IKubernetesObject<V1ListMeta>, IItems<SealedSecret>
{
    /// <summary><c>SealedSecretList</c>.</summary>
    [JsonPropertyName("kind")]
    public string Kind { get; set; } = SealedSecretResource.ListKind;

    /// <summary><c>bitnami.com/v1alpha1</c>.</summary>
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = SealedSecretResource.ApiVersion;

    /// <summary>List metadata (resourceVersion, continue).</summary>
    [JsonPropertyName("metadata")]
    public V1ListMeta Metadata { get; set; } = new();

    /// <summary>The objects.</summary>
    [JsonPropertyName("items")]
#pragma warning disable CA2227 // Wire model; IItems requires a setter.
    public IList<SealedSecret> Items { get; set; } = [];
#pragma warning restore CA2227
}
