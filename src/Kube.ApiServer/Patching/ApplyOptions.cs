namespace Kube.ApiServer.Patching;

/// <summary>
/// One server-side apply request: the field manager (<c>?fieldManager=</c>), <c>?force=</c>, the
/// object's apiVersion and kind, the request time, and for custom resources the list type of each
/// list field from the CRD schema (<c>x-kubernetes-list-type</c>/<c>-list-map-keys</c>). The lookup
/// receives paths like <c>.spec.rules</c> or <c>.spec.rules[].hosts</c> (dotted field names, "[]" for
/// list items) and should answer <see cref="ListType.Atomic"/> for anything it does not know.
/// </summary>
public sealed record ApplyOptions(
    string Manager,
    bool Force,
    string ApiVersion,
    string Kind,
    DateTimeOffset Time,
    Func<string, ListType>? ListTypeAt = null,
    string? Subresource = null);
