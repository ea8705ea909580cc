using System.Text.Json.Serialization;
using k8s.Models;

namespace Kube.Runtime.Informers;

/// <summary>
/// The parts of a list response an informer reads (kube-api.md §5): <c>metadata.resourceVersion</c>,
/// <c>metadata.continue</c> and <c>items</c>. Works for a typed list and for a
/// <c>PartialObjectMetadataList</c> alike, whose items carry only kind, apiVersion and metadata.
/// </summary>
internal sealed class ListBody<T>
{
    [JsonPropertyName("metadata")]
    public V1ListMeta? Metadata { get; set; }

    [JsonPropertyName("items")]
#pragma warning disable CA2227, CA1002 // Filled by System.Text.Json.
    public List<T>? Items { get; set; }
#pragma warning restore CA2227, CA1002
}
