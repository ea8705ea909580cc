using k8s;
using k8s.Models;

namespace Kube.Runtime.Informers;

internal sealed record ListRequest(string? Namespace, string? LabelSelector, string? FieldSelector, int Limit, string? Continue);

internal sealed record ListPage<T>(IReadOnlyList<T> Items, string ResourceVersion, string? Continue);

internal sealed record WatchRequest(string? Namespace, string? LabelSelector, string? FieldSelector, string ResourceVersion, int TimeoutSeconds);

/// <summary>One watch line: an object event, a BOOKMARK (only <see cref="ResourceVersion"/>) or an ERROR (<see cref="Status"/>).</summary>
internal readonly record struct WatchEvent<T>(WatchEventType Type, T? Object, string? ResourceVersion, V1Status? Status);

/// <summary>The two API calls an informer makes; faked in tests, HTTP in production.</summary>
internal interface IListWatchClient<T>
{
    Task<ListPage<T>> ListAsync(ListRequest request, CancellationToken cancellationToken);

    IAsyncEnumerable<WatchEvent<T>> WatchAsync(WatchRequest request, CancellationToken cancellationToken);
}
