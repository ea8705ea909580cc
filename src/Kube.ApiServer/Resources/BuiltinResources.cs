namespace Kube.ApiServer.Resources;

/// <summary>The built-in kinds this server serves (issue 3's resource list), with upstream names and short names.</summary>
internal static class BuiltinResources
{
    public static IReadOnlyList<ResourceType> Create() =>
    [
        Core("namespaces", "namespace", "Namespace", namespaced: false, ["ns"], ResourceBehavior.Namespace, hasStatus: true),
        Core("secrets", "secret", "Secret", namespaced: true, [], ResourceBehavior.Secret),
        Core("configmaps", "configmap", "ConfigMap", namespaced: true, ["cm"], ResourceBehavior.ConfigMap),
        Core("serviceaccounts", "serviceaccount", "ServiceAccount", namespaced: true, ["sa"], ResourceBehavior.ServiceAccount),
        Core("services", "service", "Service", namespaced: true, ["svc"], ResourceBehavior.Service, hasStatus: true, categories: ["all"]),
        Core("endpoints", "endpoints", "Endpoints", namespaced: true, ["ep"], ResourceBehavior.Generic),
        Core("events", "event", "Event", namespaced: true, ["ev"], ResourceBehavior.Generic),
        Core("pods", "pod", "Pod", namespaced: true, ["po"], ResourceBehavior.Generic, hasStatus: true, categories: ["all"]),
        new ResourceType
        {
            Group = "apps", Version = "v1", Plural = "deployments", Singular = "deployment", Kind = "Deployment",
            Namespaced = true, ShortNames = ["deploy"], Categories = ["all"], HasStatus = true, TracksGeneration = true,
            Behavior = ResourceBehavior.Deployment,
        },
        new ResourceType
        {
            Group = "coordination.k8s.io", Version = "v1", Plural = "leases", Singular = "lease", Kind = "Lease", Namespaced = true,
        },
        new ResourceType
        {
            Group = "apiextensions.k8s.io", Version = "v1", Plural = "customresourcedefinitions", Singular = "customresourcedefinition",
            Kind = "CustomResourceDefinition", Namespaced = false, ShortNames = ["crd", "crds"], Categories = ["api-extensions"],
            HasStatus = true, TracksGeneration = true, Behavior = ResourceBehavior.CustomResourceDefinition,
        },
        new ResourceType
        {
            Group = "authentication.k8s.io", Version = "v1", Plural = "tokenreviews", Singular = "tokenreview", Kind = "TokenReview",
            Namespaced = false, Virtual = true, Behavior = ResourceBehavior.TokenReview,
        },
        new ResourceType
        {
            Group = "authorization.k8s.io", Version = "v1", Plural = "selfsubjectaccessreviews", Singular = "selfsubjectaccessreview",
            Kind = "SelfSubjectAccessReview", Namespaced = false, Virtual = true, Behavior = ResourceBehavior.SelfSubjectAccessReview,
        },
    ];

    private static ResourceType Core(
        string plural, string singular, string kind, bool namespaced, string[] shortNames, ResourceBehavior behavior,
        bool hasStatus = false, string[]? categories = null) =>
        new()
        {
            Group = string.Empty, Version = "v1", Plural = plural, Singular = singular, Kind = kind, Namespaced = namespaced,
            ShortNames = shortNames, Behavior = behavior, HasStatus = hasStatus, Categories = categories ?? [],
        };
}
