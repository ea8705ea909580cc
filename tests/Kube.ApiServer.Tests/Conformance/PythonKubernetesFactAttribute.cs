namespace Kube.ApiServer.Tests.Conformance;

/// <summary>A fact that needs Debian's python3-kubernetes; skipped (visibly) where it is not installed.</summary>
public sealed class PythonKubernetesFactAttribute : FactAttribute
{
    public PythonKubernetesFactAttribute()
    {
        if (!PythonClientTests.Available)
        {
            Skip = "python3-kubernetes is not installed (.ci/apt-packages.txt installs it)";
        }
    }
}
