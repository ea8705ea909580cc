using k8s;

namespace Kube.Runtime.Informers;

/// <summary>Helpers for objects read from an informer's cache, which are shared and must not be mutated.</summary>
public static class CachedObjects
{
    /// <summary>A deep copy (JSON round trip through the client's serializer) that is safe to modify and send.</summary>
    public static T DeepCopy<T>(T obj)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(obj);
        return KubernetesJson.Deserialize<T>(KubernetesJson.Serialize(obj));
    }
}
