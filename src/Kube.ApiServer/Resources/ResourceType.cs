using Kube.ApiServer.Crd;

namespace Kube.ApiServer.Resources;

/// <summary>
/// One served resource of one group-version (what a discovery <c>APIResource</c> describes), plus the
/// rules the server applies to it. CRD versions share a <see cref="StorageKey"/>, so every served
/// version reads and writes the same objects (conversion strategy <c>None</c>).
/// </summary>
internal sealed class ResourceType
{
    public required string Group { get; init; }

    public required string Version { get; init; }

    public required string Plural { get; init; }

    public required string Singular { get; init; }

    public required string Kind { get; init; }

    public required bool Namespaced { get; init; }

    public string ListKind => Kind + "List";

    public IReadOnlyList<string> ShortNames { get; init; } = [];

    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>A <c>/status</c> subresource exists: the main endpoint ignores status, <c>/status</c> ignores the rest.</summary>
    public bool HasStatus { get; init; }

    /// <summary>metadata.generation is maintained (bumped on changes outside metadata/status).</summary>
    public bool TracksGeneration { get; init; }

    /// <summary>Create-only virtual resources (TokenReview, SelfSubjectAccessReview) are never stored.</summary>
    public bool Virtual { get; init; }

    public ResourceBehavior Behavior { get; init; } = ResourceBehavior.Generic;

    /// <summary>For custom resources whose CRD declares <c>subresources.scale</c>: the replicas paths.</summary>
    public ScaleSubresource? Scale { get; init; }

    /// <summary>For custom resources: the CRD version this resource type serves.</summary>
    public CrdVersion? Crd { get; init; }

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public string GroupVersion => ApiVersion;

    public string StorageKey => $"{Group}/{Plural}";

    public IReadOnlyList<string> Verbs => Virtual
        ? ["create"]
        : ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    /// <summary>Path prefix of this group-version: <c>/api/v1</c> or <c>/apis/g/v</c>.</summary>
    public string PathPrefix => Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";

    public string ItemPath(string? ns, string name) =>
        Namespaced ? $"{PathPrefix}/namespaces/{ns}/{Plural}/{name}" : $"{PathPrefix}/{Plural}/{name}";
}
