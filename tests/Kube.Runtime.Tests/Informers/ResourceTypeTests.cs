using k8s;
using k8s.Models;
using Kube.Runtime.Informers;

namespace Kube.Runtime.Tests.Informers;

public sealed class ResourceTypeTests
{
    [Fact]
    public void Built_in_models_map_to_their_API_paths()
    {
        var secrets = ResourceType.For<V1Secret>();
        Assert.Equal("/api/v1/secrets", secrets.CollectionPath(null));
        Assert.Equal("/api/v1/namespaces/prod/secrets", secrets.CollectionPath("prod"));
        var leases = ResourceType.For<V1Lease>();
        Assert.Equal("/apis/coordination.k8s.io/v1/namespaces/kube-system/leases", leases.CollectionPath("kube-system"));
        Assert.Equal("coordination.k8s.io/v1", leases.ApiVersion);
    }

    [Fact]
    public void A_type_without_an_entity_attribute_gets_a_clear_error()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => ResourceType.For<UnstructuredObject>());
        Assert.Contains("InformerOptions.Resource", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Watch_lines_parse_objects_bookmarks_and_410_errors()
    {
        var added = KubernetesListWatchClient<V1Secret>.Parse("""{"type":"ADDED","object":{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s","namespace":"n","resourceVersion":"7"}}}""");
        Assert.Equal(WatchEventType.Added, added.Type);
        Assert.Equal("n/s", ObjectKey.Of(added.Object!));

        var bookmark = KubernetesListWatchClient<V1Secret>.Parse("""{"type":"BOOKMARK","object":{"kind":"Secret","apiVersion":"v1","metadata":{"resourceVersion":"99"}}}""");
        Assert.Equal(("99", WatchEventType.Bookmark), (bookmark.ResourceVersion, bookmark.Type));

        var gone = KubernetesListWatchClient<V1Secret>.Parse("""{"type":"ERROR","object":{"kind":"Status","apiVersion":"v1","status":"Failure","code":410,"reason":"Expired","message":"too old resource version: 1 (5)"}}""");
        Assert.Equal(410, gone.Status!.Code);

        var raw = KubernetesListWatchClient<UnstructuredObject>.Parse("""{"type":"MODIFIED","object":{"apiVersion":"bitnami.com/v1alpha1","kind":"SealedSecret","metadata":{"name":"x","namespace":"y"},"spec":{"encryptedData":{"k":"AgB"}}}}""");
        Assert.Equal("SealedSecret", raw.Object!.Kind);
        Assert.Equal("AgB", raw.Object.Fields!["spec"].GetProperty("encryptedData").GetProperty("k").GetString());
    }
}
