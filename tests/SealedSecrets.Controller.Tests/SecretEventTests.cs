using k8s.Models;
using Kube.Runtime.Controllers;
using Kube.Runtime.Informers;
using SealedSecrets.Controller.Hosting;
using SealedSecrets.Controller.Options;
using SealedSecrets.Controller.Unseal;

namespace SealedSecrets.Controller.Tests;

/// <summary>
/// Which Secret events requeue a SealedSecret (reference §3.6; upstream controller.go watchSecrets):
/// deletions of a Secret the same-named SealedSecret controls or that is annotated managed.
/// </summary>
public sealed class SecretEventTests
{
    private static readonly Dictionary<string, string> Values = new() { ["API_KEY"] = "canary-value" };

    [Fact]
    public void Deleting_an_owned_or_managed_Secret_requeues_its_SealedSecret_and_nothing_else_does()
    {
        var options = new SealedSecretsControllerOptions();
        var failures = new UnsealFailures();
        var owned = Secret("db", new V1OwnerReference { ApiVersion = "bitnami.com/v1alpha1", Kind = "SealedSecret", Name = "db", Uid = "u", Controller = true });
        var managed = Secret("cache", annotations: new Dictionary<string, string> { ["sealedsecrets.bitnami.com/managed"] = "true" });
        var patched = Secret("extra", annotations: new Dictionary<string, string> { ["sealedsecrets.bitnami.com/patch"] = "true" });
        var plain = Secret("other");

        Assert.Equal([new ReconcileRequest("apps", "db")], SealedSecretsControllerServices.Requests(new(InformerEventType.Deleted, owned), options, failures));
        Assert.Equal([new ReconcileRequest("apps", "cache")], SealedSecretsControllerServices.Requests(new(InformerEventType.Deleted, managed), options, failures));
        Assert.Empty(SealedSecretsControllerServices.Requests(new(InformerEventType.Deleted, patched), options, failures));
        Assert.Empty(SealedSecretsControllerServices.Requests(new(InformerEventType.Deleted, plain), options, failures));
        // Edits are not watched, as upstream: an edited Secret is corrected when its SealedSecret is unsealed again.
        Assert.Empty(SealedSecretsControllerServices.Requests(new(InformerEventType.Updated, owned, owned), options, failures));
        Assert.Empty(SealedSecretsControllerServices.Requests(new(InformerEventType.Added, owned), options, failures));

        options.SkipRecreate = true;
        Assert.Empty(SealedSecretsControllerServices.Requests(new(InformerEventType.Deleted, owned), options, failures));
    }

    [Fact]
    public async Task A_deleted_Secret_is_recreated_although_it_last_carried_the_in_sync_annotation()
    {
        var h = new ReconcilerHarness(0);
        h.Apply(TestKeys.Seal(0, "apps", "db", Values));
        await h.ReconcileAsync("apps", "db");
        Assert.Contains(ControllerMessages.SourceHashAnnotation, h.Secret("apps", "db")!.Metadata.Annotations.Keys);
        var rsaBefore = h.RsaOperations;

        // kubectl delete secret db: the API object goes, and the informer drops it before it requeues.
        h.Target.Secrets.Remove("apps/db");
        h.Secrets.Remove("apps", "db");
        await h.ReconcileAsync("apps", "db");

        var recreated = h.Secret("apps", "db");
        Assert.NotNull(recreated);
        Assert.Equal("canary-value", System.Text.Encoding.UTF8.GetString(recreated.Data["API_KEY"]));
        Assert.True(h.RsaOperations > rsaBefore);
    }

    [Fact]
    public async Task A_deleted_Secret_is_recreated_even_while_the_cache_still_holds_it()
    {
        var h = new ReconcilerHarness(0);
        h.Apply(TestKeys.Seal(0, "apps", "db", Values));
        await h.ReconcileAsync("apps", "db");

        // The delete has not reached the cache yet (watch lag): the cached copy claims "in sync".
        h.Target.Secrets.Remove("apps/db");
        await h.Reconciler.ReconcileAsync(new ReconcileRequest("apps", "db"), CancellationToken.None);
        h.Secrets.Remove("apps", "db"); // then the DELETED event arrives and requeues it
        await h.ReconcileAsync("apps", "db");

        Assert.NotNull(h.Secret("apps", "db"));
    }

    private static V1Secret Secret(string name, V1OwnerReference? owner = null, Dictionary<string, string>? annotations = null) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = name,
            NamespaceProperty = "apps",
            OwnerReferences = owner is null ? null : [owner],
            Annotations = annotations,
        },
    };
}
