namespace Kube.Runtime.Informers;

internal sealed record WatchRequest(string? Namespace, string? LabelSelector, string? FieldSelector, string ResourceVersion, int TimeoutSeconds);
