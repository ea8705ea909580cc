using k8s;

namespace Sigil;

/// <summary>Builds the API client the way controllers expect: a kubeconfig when given, in-cluster config in a pod, else KUBECONFIG / ~/.kube/config.</summary>
internal static class ClusterConnection
{
    public static Kubernetes Create(string? kubeconfig, string? context) => new(Config(kubeconfig, context));

    /// <summary>The client configuration alone, for callers that build the client with their own handlers.</summary>
    public static KubernetesClientConfiguration Config(string? kubeconfig, string? context)
    {
        KubernetesClientConfiguration config;
        if (!string.IsNullOrEmpty(kubeconfig))
        {
            config = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig, string.IsNullOrEmpty(context) ? null : context);
        }
        else if (KubernetesClientConfiguration.IsInCluster())
        {
            config = KubernetesClientConfiguration.InClusterConfig();
        }
        else
        {
            config = string.IsNullOrEmpty(context)
                ? KubernetesClientConfiguration.BuildDefaultConfig()
                : KubernetesClientConfiguration.BuildConfigFromConfigFile(Environment.GetEnvironmentVariable("KUBECONFIG") is { Length: > 0 } env ? env.Split(Path.PathSeparator)[0] : null, context);
        }
        return config;
    }

    /// <summary>The service-account namespace file of a pod, when there is one.</summary>
    public static string? ServiceAccountNamespace()
    {
        const string File = "/var/run/secrets/kubernetes.io/serviceaccount/namespace";
        return System.IO.File.Exists(File) ? System.IO.File.ReadAllText(File) : null;
    }
}
