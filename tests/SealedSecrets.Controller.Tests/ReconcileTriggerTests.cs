using k8s.Models;
using Kube.Runtime.Controllers;
using Kube.Runtime.Informers;
using SealedSecrets.Controller.Hosting;
using SealedSecrets.Controller.Options;
using SealedSecrets.Controller.Unseal;

namespace SealedSecrets.Controller.Tests;

/// <summary>
/// What keeps S1 at one reconcile per object and the RSA work on every core: the controller's own
/// writes do not queue the object again, and unseals share the workers through the gate.
/// (Which Secret changes do queue a SealedSecret: SecretEventTests.)
/// </summary>
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
        [.. SealedSecretsControllerServices.Requests(new InformerEvent<V1Secret>(type, secret), options ?? Options, failures ?? new UnsealFailures())];

    [Fact]
    public void The_echo_of_the_controllers_own_create_or_update_queues_nothing()
    {
        Assert.Empty(Requests(InformerEventType.Added, Written(stamped: true)));
        Assert.Empty(Requests(InformerEventType.Updated, Written(stamped: true)));
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
