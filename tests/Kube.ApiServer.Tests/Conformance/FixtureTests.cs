using k8s;
using Sigil.Testing;

namespace Kube.ApiServer.Tests.Conformance;

/// <summary>The shared test fixture's own helpers work (other projects build their integration tests on them).</summary>
public sealed class FixtureTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    [Fact]
    public async Task ApplyManifestAsync_applies_every_document_including_CRDs_and_their_objects()
    {
        var cluster = fixture.Cluster;
        var results = await cluster.ApplyManifestAsync("""
            apiVersion: v1
            kind: Namespace
            metadata:
              name: manifest-ns
            ---
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: gadgets.fixture.example.com
            spec:
              group: fixture.example.com
              scope: Namespaced
              names: {plural: gadgets, singular: gadget, kind: Gadget}
              versions:
              - name: v1
                served: true
                storage: true
                schema:
                  openAPIV3Schema:
                    type: object
                    properties:
                      spec: {type: object, properties: {size: {type: integer, default: 1}}}
            """);
        Assert.Equal(2, results.Count);
        await Eventually.UntilAsync(async () =>
            (await cluster.Client.ApiextensionsV1.ReadCustomResourceDefinitionAsync("gadgets.fixture.example.com")).Status?.Conditions?.Any(c => c.Type == "Established") == true,
            "the CRD is established");

        var gadget = await cluster.ApplyManifestAsync("""
            apiVersion: fixture.example.com/v1
            kind: Gadget
            metadata: {name: g1}
            spec: {}
            """, defaultNamespace: "manifest-ns");
        Assert.Equal(1, (int)gadget[0]["spec"]!["size"]!);
        Assert.Equal("manifest-ns", (string?)gadget[0]["metadata"]!["namespace"]);
    }

    [Fact]
    public async Task Eventually_times_out_with_the_description()
    {
        var e = await Assert.ThrowsAsync<TimeoutException>(() => Eventually.UntilAsync(() => false, "never true", TimeSpan.FromMilliseconds(100)));
        Assert.Contains("never true", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_durable_cluster_keeps_objects_across_a_restart_on_the_same_directory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "sigil-fixture-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await using (var first = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions { Durable = true, DataDirectory = dir }))
            {
                await first.Client.CoreV1.CreateNamespacedConfigMapAsync(new k8s.Models.V1ConfigMap { Metadata = new k8s.Models.V1ObjectMeta { Name = "kept" } }, "default");
            }

            await using var second = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions { Durable = true, DataDirectory = dir });
            var kept = await second.Client.CoreV1.ReadNamespacedConfigMapAsync("kept", "default");
            Assert.Equal("kept", kept.Metadata.Name);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
