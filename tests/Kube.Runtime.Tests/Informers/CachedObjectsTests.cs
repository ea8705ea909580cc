using k8s.Models;
using Kube.Runtime.Informers;

namespace Kube.Runtime.Tests.Informers;

public sealed class CachedObjectsTests
{
    [Fact]
    public void A_deep_copy_can_be_changed_without_touching_the_cached_object()
    {
        var cached = Objects.Map("a", "1", value: "x");
        var copy = CachedObjects.DeepCopy(cached);

        copy.Data["v"] = "y";
        copy.Metadata.Labels["app"] = "changed";

        Assert.Equal("x", cached.Data["v"]);
        Assert.Equal("a", cached.Metadata.Labels["app"]);
        Assert.Equal("1", copy.Metadata.ResourceVersion);
    }
}
