using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Sigil.Testing;

namespace Kube.ApiServer.Tests.Conformance;

/// <summary>Finalizers, ownerReference garbage collection (background, foreground, orphan) and namespace cascade.</summary>
public sealed class DeletionTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private readonly Kubernetes _client = fixture.Cluster.Client;

    private async Task<string> NewNamespaceAsync()
    {
        var ns = $"d-{Guid.NewGuid().ToString("N")[..8]}";
        await _client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        return ns;
    }

    private async Task<(V1ConfigMap Owner, V1Secret Dependent)> OwnerAndDependentAsync(string ns, bool block = false)
    {
        var owner = await _client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "owner" } }, ns);
        var dependent = await _client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta
            {
                Name = "dependent",
                OwnerReferences =
                [
                    new V1OwnerReference
                    {
                        ApiVersion = "v1", Kind = "ConfigMap", Name = "owner", Uid = owner.Metadata.Uid, Controller = true, BlockOwnerDeletion = block,
                    },
                ],
            },
        }, ns);
        return (owner, dependent);
    }

    private static async Task<bool> ExistsAsync(Func<Task> read)
    {
        try
        {
            await read();
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    [Fact]
    public async Task Background_deletion_of_an_owner_garbage_collects_its_dependents()
    {
        var ns = await NewNamespaceAsync();
        await OwnerAndDependentAsync(ns);
        await _client.CoreV1.DeleteNamespacedConfigMapAsync("owner", ns, propagationPolicy: "Background");
        await Eventually.UntilAsync(async () => !await ExistsAsync(() => _client.CoreV1.ReadNamespacedSecretAsync("dependent", ns)),
            "the dependent Secret is garbage collected");
    }

    [Fact]
    public async Task Foreground_deletion_keeps_the_owner_until_its_dependents_are_gone()
    {
        var ns = await NewNamespaceAsync();
        await OwnerAndDependentAsync(ns, block: true);
        // Merge patches carry no resourceVersion: the garbage collector writes these objects too, and a
        // read-then-replace would race it into a 409.
        await _client.CoreV1.PatchNamespacedSecretAsync(
            new V1Patch("""{"metadata":{"finalizers":["example.com/slow"]}}""", V1Patch.PatchType.MergePatch), "dependent", ns);

        await _client.CoreV1.DeleteNamespacedConfigMapAsync("owner", ns, propagationPolicy: "Foreground");
        var owner = await _client.CoreV1.ReadNamespacedConfigMapAsync("owner", ns);
        Assert.Contains("foregroundDeletion", owner.Metadata.Finalizers);
        Assert.NotNull(owner.Metadata.DeletionTimestamp);
        await Eventually.UntilAsync(async () => (await _client.CoreV1.ReadNamespacedSecretAsync("dependent", ns)).Metadata.DeletionTimestamp is not null,
            "the dependent is being deleted");

        await _client.CoreV1.PatchNamespacedSecretAsync(
            new V1Patch("""{"metadata":{"finalizers":null}}""", V1Patch.PatchType.MergePatch), "dependent", ns);
        await Eventually.UntilAsync(async () => !await ExistsAsync(() => _client.CoreV1.ReadNamespacedConfigMapAsync("owner", ns)),
            "the owner is removed after its dependents");
    }

    [Fact]
    public async Task Orphan_deletion_keeps_dependents_and_removes_the_owner_reference()
    {
        var ns = await NewNamespaceAsync();
        await OwnerAndDependentAsync(ns);
        await _client.CoreV1.DeleteNamespacedConfigMapAsync("owner", ns, propagationPolicy: "Orphan");
        await Eventually.UntilAsync(async () => !await ExistsAsync(() => _client.CoreV1.ReadNamespacedConfigMapAsync("owner", ns)),
            "the owner is removed");
        var orphan = await _client.CoreV1.ReadNamespacedSecretAsync("dependent", ns);
        Assert.True(orphan.Metadata.OwnerReferences is null || orphan.Metadata.OwnerReferences.Count == 0);
    }

    [Fact]
    public async Task An_object_whose_owner_never_existed_is_collected()
    {
        var ns = await NewNamespaceAsync();
        await _client.CoreV1.CreateNamespacedSecretAsync(new V1Secret
        {
            Metadata = new V1ObjectMeta
            {
                Name = "stray",
                OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "ghost", Uid = Guid.NewGuid().ToString() }],
            },
        }, ns);
        await Eventually.UntilAsync(async () => !await ExistsAsync(() => _client.CoreV1.ReadNamespacedSecretAsync("stray", ns)),
            "the Secret with a missing owner is collected");
    }

    [Fact]
    public async Task In_a_burst_of_owned_writes_only_the_objects_whose_owner_is_missing_are_collected()
    {
        // Owned writes are checked one by one (no full scan each): the strays among many live
        // dependents must still go, and the live ones stay, also once the owner is deleted later.
        var ns = await NewNamespaceAsync();
        var owner = await _client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "owner" } }, ns);
        V1Secret Dependent(string name, string uid) => new()
        {
            Metadata = new V1ObjectMeta { Name = name, OwnerReferences = [new V1OwnerReference { ApiVersion = "v1", Kind = "ConfigMap", Name = "owner", Uid = uid }] },
        };
        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => _client.CoreV1.CreateNamespacedSecretAsync(
            i % 10 == 0 ? Dependent($"stray-{i}", Guid.NewGuid().ToString()) : Dependent($"live-{i}", owner.Metadata.Uid), ns)));

        await Eventually.UntilAsync(async () => (await _client.CoreV1.ListNamespacedSecretAsync(ns)).Items.All(s => s.Metadata.Name.StartsWith("live-", StringComparison.Ordinal)),
            "the Secrets with a missing owner are collected");
        Assert.Equal(36, (await _client.CoreV1.ListNamespacedSecretAsync(ns)).Items.Count);

        await _client.CoreV1.DeleteNamespacedConfigMapAsync("owner", ns, propagationPolicy: "Background");
        await Eventually.UntilAsync(async () => (await _client.CoreV1.ListNamespacedSecretAsync(ns)).Items.Count == 0,
            "the owner's deletion still collects every dependent");
    }

    [Fact]
    public async Task Finalizers_hold_an_object_until_removed_and_new_ones_cannot_be_added_while_deleting()
    {
        var ns = await NewNamespaceAsync();
        await _client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "f", Finalizers = ["a.example.com/x"] } }, ns);
        await _client.CoreV1.DeleteNamespacedConfigMapAsync("f", ns);
        var held = await _client.CoreV1.ReadNamespacedConfigMapAsync("f", ns);
        Assert.NotNull(held.Metadata.DeletionTimestamp);

        held.Metadata.Finalizers = ["a.example.com/x", "b.example.com/y"];
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => _client.CoreV1.ReplaceNamespacedConfigMapAsync(held, "f", ns));
        Assert.Equal((HttpStatusCode)422, e.Response.StatusCode);

        held.Metadata.Finalizers = [];
        await _client.CoreV1.ReplaceNamespacedConfigMapAsync(held, "f", ns);
        Assert.False(await ExistsAsync(() => _client.CoreV1.ReadNamespacedConfigMapAsync("f", ns)));
    }

    [Fact]
    public async Task Deleting_a_namespace_deletes_everything_in_it_then_the_namespace()
    {
        var ns = await NewNamespaceAsync();
        await _client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "s" } }, ns);
        await _client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "c", Finalizers = ["example.com/hold"] } }, ns);
        await _client.CoreV1.DeleteNamespaceAsync(ns);

        var terminating = await _client.CoreV1.ReadNamespaceAsync(ns);
        Assert.Equal("Terminating", terminating.Status.Phase);
        var forbidden = await Assert.ThrowsAsync<HttpOperationException>(() =>
            _client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "late" } }, ns));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.Response.StatusCode);
        await Eventually.UntilAsync(async () => (await _client.CoreV1.ListNamespacedSecretAsync(ns)).Items.Count == 0, "the Secret is deleted");

        var held = await _client.CoreV1.ReadNamespacedConfigMapAsync("c", ns);
        held.Metadata.Finalizers = [];
        await _client.CoreV1.ReplaceNamespacedConfigMapAsync(held, "c", ns);
        await Eventually.UntilAsync(async () => !await ExistsAsync(() => _client.CoreV1.ReadNamespaceAsync(ns)), "the namespace is gone");
    }

    [Fact]
    public async Task Delete_preconditions_and_dry_run_are_honoured()
    {
        var ns = await NewNamespaceAsync();
        var cm = await _client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "p" } }, ns);
        var wrongUid = await Assert.ThrowsAsync<HttpOperationException>(() => _client.CoreV1.DeleteNamespacedConfigMapAsync("p", ns,
            new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = Guid.NewGuid().ToString() } }));
        Assert.Equal(HttpStatusCode.Conflict, wrongUid.Response.StatusCode);

        await _client.CoreV1.DeleteNamespacedConfigMapAsync("p", ns, dryRun: "All");
        Assert.True(await ExistsAsync(() => _client.CoreV1.ReadNamespacedConfigMapAsync("p", ns)));
        await _client.CoreV1.DeleteNamespacedConfigMapAsync("p", ns, new V1DeleteOptions { Preconditions = new V1Preconditions { Uid = cm.Metadata.Uid } });
        Assert.False(await ExistsAsync(() => _client.CoreV1.ReadNamespacedConfigMapAsync("p", ns)));
    }
}
