namespace SealedSecrets.Kubeseal.Certificates;

/// <summary>
/// Where the controller lives and how to reach the cluster: <c>--controller-namespace</c>,
/// <c>--controller-name</c>, plus the kubeconfig selection flags a cluster client needs.
/// </summary>
public sealed record ControllerReference(string Namespace, string Name, string? Kubeconfig, string? Context);
