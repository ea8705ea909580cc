using k8s.Models;
using Kube.Runtime.Controllers;
using Kube.Runtime.Informers;
using SealedSecrets.Api;
using SealedSecrets.Controller.Hosting;
using SealedSecrets.Controller.Options;
using SealedSecrets.Controller.Unseal;

namespace SealedSecrets.Controller.Tests;

/// <summary>Which Secret changes queue a SealedSecret (reference §3.6), and how unseals share the workers.</summary>
public sealed class ReconcileTriggerTests
{
    private static readonly SealedSecretsControllerOptions Options = new() { ControllerNamespace = "kube-system" };

    private static V1Secret Written(bool stamped) => new()
    {
        Metadata = new V1ObjectMeta
        {
            Name = "db",
            NamespaceProperty = "team-a",
            OwnerReferences = [new V1OwnerReference { ApiVersion = "bitnami.com/v1alpha1", Kind = "SealedSecret", Name = "db", Uid = "uid-1", Controller = true }],
            Annotations = stamped ? new Dictionary<string, string> { [ControllerMessages.SourceHashAnnotation] = "digest" } : null,
        },
    };

    private static IReadOnlyList<ReconcileRequest> Requests(InformerEventType type, V1Secret secret, SealedSecretsControllerOptions? options = null, UnsealFailures? failures = null) =>
        [.. SealedSecretsControllerServices.SecretRequests(new InformerEvent<V1Secret>(type, secret), options ?? Options, failures ?? new UnsealFailures())];

    [Fact]
    public void The_echo_of_the_controllers_own_create_or_update_queues_nothing()
    {
        Assert.Empty(Requests(InformerEventType.Added, Written(stamped: true)));
        Assert.Empty(Requests(InformerEventType.Updated, Written(stamped: true)));
    }

    [Fact]
    public void A_deleted_owned_Secret_queues_its_SealedSecret_to_be_recreated_unless_skip_recreate()
    {
        Assert.Equal([new ReconcileRequest("team-a", "db")], Requests(InformerEventType.Deleted, Written(stamped: true)));
        Assert.Empty(Requests(InformerEventType.Deleted, Written(stamped: true), new SealedSecretsControllerOptions { SkipRecreate = true }));
    }

    [Fact]
    public void A_Secret_annotated_managed_or_stripped_of_the_digest_queues_its_SealedSecret()
    {
        var managed = new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "db", NamespaceProperty = "team-a", Annotations = new Dictionary<string, string> { [SealedSecretAnnotations.Managed] = "true" } },
        };
        Assert.Equal([new ReconcileRequest("team-a", "db")], Requests(InformerEventType.Updated, managed));
        Assert.Equal([new ReconcileRequest("team-a", "db")], Requests(InformerEventType.Updated, Written(stamped: false)));
    }

    [Fact]
    public void A_new_key_Secret_queues_the_SealedSecrets_that_failed_to_decrypt()
    {
        var failures = new UnsealFailures();
        failures.Add(new ReconcileRequest("team-a", "broken"));
        var key = new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "sealed-secrets-keyabc", NamespaceProperty = "kube-system", Labels = new Dictionary<string, string> { [SealedSecretAnnotations.SealedSecretsKeyLabel] = SealedSecretAnnotations.ActiveKey } },
        };
        Assert.Equal([new ReconcileRequest("team-a", "broken")], Requests(InformerEventType.Added, key, failures: failures));
    }

    [Fact]
    public async Task The_unseal_gate_runs_at_most_workers_unseals_at_once_while_more_reconciles_wait()
    {
        using var gate = new UnsealGate(2);
        var running = 0;
        var peak = 0;
        using var release = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, 8).Select(_ => Task.Run(() => gate.RunAsync(() =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            release.Wait(TimeSpan.FromSeconds(10));
            Interlocked.Decrement(ref running);
            return now;
        }, CancellationToken.None))).ToArray();

        await Sigil.Testing.Eventually.UntilAsync(() => Volatile.Read(ref running) == 2, "two unseals run");
        await Task.Delay(50);
        Assert.Equal(2, Volatile.Read(ref running));
        release.Set();
        await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(2, peak);
        Assert.Equal(8, UnsealGate.InFlight(2));
        Assert.True(gate.Busy > TimeSpan.Zero);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
