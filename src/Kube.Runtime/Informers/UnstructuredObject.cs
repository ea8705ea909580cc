using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Kube.Runtime.Informers;

/// <summary>
/// Any object as raw JSON: typed metadata, everything else (spec, status, data...) kept as
/// <see cref="JsonElement"/>s. Lets an informer watch a CRD without a model class; set
/// <see cref="InformerOptions{T}.Resource"/> since there is no [KubernetesEntity] to read.
/// </summary>
public sealed class UnstructuredObject : IKubernetesObject<V1ObjectMeta>
{
    [JsonPropertyName("apiVersion")]
    public string ApiVersion { get; set; } = string.Empty;

    [JsonPropertyName("kind")]
    public string Kind { get; set; } = string.Empty;

    [JsonPropertyName("metadata")]
    public V1ObjectMeta Metadata { get; set; } = new();

    [JsonExtensionData]
#pragma warning disable CA2227 // System.Text.Json fills extension data through the setter.
    public IDictionary<string, JsonElement>? Fields { get; set; }
#pragma warning restore CA2227
}
