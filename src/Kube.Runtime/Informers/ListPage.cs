namespace Kube.Runtime.Informers;

internal sealed record ListPage<T>(IReadOnlyList<T> Items, string ResourceVersion, string? Continue);
