namespace Kube.ApiServer.Http;

/// <summary>
/// The <c>as=</c>, <c>g=</c> and <c>v=</c> parameters of the Accept clause the server chose: the
/// object is sent converted to <see cref="Kind"/> (<c>Table</c>, <c>PartialObjectMetadata</c> or
/// <c>PartialObjectMetadataList</c>) in <c>meta.k8s.io/</c><see cref="Version"/>.
/// </summary>
internal sealed record AsTarget(string Kind, string Version)
{
    public const string Partial = "PartialObjectMetadata";
    public const string PartialList = "PartialObjectMetadataList";
    public const string Table = "Table";

    public string ApiVersion => "meta.k8s.io/" + Version;

    public bool IsPartial => Kind is Partial or PartialList;
}
