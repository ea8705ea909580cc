namespace Kube.ApiServer.Patching;

/// <summary>
/// How a list is merged, after the CRD extension <c>x-kubernetes-list-type</c>
/// (https://kubernetes.io/docs/reference/using-api/server-side-apply/#merge-strategy).
/// </summary>
public enum ListTypeKind
{
    /// <summary>The list is one value: replaced whole, owned whole.</summary>
    Atomic,

    /// <summary>A list of unique scalars; each element is owned separately (<c>v:</c> in FieldsV1).</summary>
    Set,

    /// <summary>A list of objects keyed by <see cref="ListType.Keys"/> (<c>k:</c> in FieldsV1).</summary>
    Map,
}
