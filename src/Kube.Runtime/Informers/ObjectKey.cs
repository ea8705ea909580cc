using k8s;
using k8s.Models;

namespace Kube.Runtime.Informers;

/// <summary>client-go's <c>MetaNamespaceKeyFunc</c>: <c>namespace/name</c>, or <c>name</c> when cluster-scoped.</summary>
public static class ObjectKey
{
    public static string Of(IKubernetesObject<V1ObjectMeta> obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var meta = obj.Metadata ?? throw new ArgumentException($"{obj.Kind} object has no metadata.", nameof(obj));
        return Of(meta.NamespaceProperty, meta.Name);
    }

    public static string Of(string? @namespace, string name)
        => string.IsNullOrEmpty(@namespace) ? name : $"{@namespace}/{name}";
}
