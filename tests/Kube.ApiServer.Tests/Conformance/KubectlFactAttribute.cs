using Sigil.Testing;

namespace Kube.ApiServer.Tests.Conformance;

/// <summary>A fact that needs the real <c>kubectl</c>; skipped (visibly) on machines without it.</summary>
public sealed class KubectlFactAttribute : FactAttribute
{
    public KubectlFactAttribute()
    {
        if (!EmbeddedCluster.KubectlAvailable)
        {
            Skip = "kubectl is not installed on this machine";
        }
    }
}
