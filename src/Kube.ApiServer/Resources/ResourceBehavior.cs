namespace Kube.ApiServer.Resources;

/// <summary>Which type-specific rules (upstream "strategy") a resource follows on write.</summary>
internal enum ResourceBehavior
{
    Generic,
    Namespace,
    Secret,
    ConfigMap,
    Service,
    ServiceAccount,
    Deployment,
    CustomResourceDefinition,
    CustomResource,
    TokenReview,
    SelfSubjectAccessReview,
}
