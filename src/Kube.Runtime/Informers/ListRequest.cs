namespace Kube.Runtime.Informers;

internal sealed record ListRequest(string? Namespace, string? LabelSelector, string? FieldSelector, int Limit, string? Continue);
