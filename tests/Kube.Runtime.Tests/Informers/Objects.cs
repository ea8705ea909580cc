using k8s.Models;

namespace Kube.Runtime.Tests.Informers;

internal static class Objects
{
    public static V1ConfigMap Map(string name, string rv, string ns = "default", string? value = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, ResourceVersion = rv, Labels = new Dictionary<string, string> { ["app"] = name } },
        Data = value is null ? null : new Dictionary<string, string> { ["v"] = value },
    };
}
