using k8s.Models;
using Kube.Runtime.Controllers;
using Kube.Runtime.Informers;
using Kube.Runtime.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SealedSecrets.Api;
using SealedSecrets.Controller.Hosting;
using SealedSecrets.Controller.Keys;
using SealedSecrets.Controller.Metrics;
using SealedSecrets.Controller.Options;
using SealedSecrets.Controller.Unseal;

namespace SealedSecrets.Controller.Tests;

/// <summary>The unseal reconciler wired to fakes: caches filled by the test, an in-memory API.</summary>
internal sealed class ReconcilerHarness
{
    public ReconcilerHarness(params int[] keys)
    {
        Keys = TestKeys.Registry(keys);
        Metrics = new ControllerMetrics(new RuntimeMetrics(), omitSecretLabels: false);
        Reconciler = new SealedSecretReconciler(
            SealedSecrets, Secrets, Target, Failures, Events, Keys, new UnsealGate(1), Metrics, Options, Time, NullLogger<SealedSecretReconciler>.Instance);
    }

    public FakeInformer<SealedSecret> SealedSecrets { get; } = new(SealedSecretsControllerServices.SealedSecretResourceType);

    public FakeInformer<V1Secret> Secrets { get; } = new(ResourceType.For<V1Secret>());

    public FakeUnsealTarget Target { get; } = new();

    public UnsealFailures Failures { get; } = new();

    public RecordingEvents Events { get; } = new();

    public KeyRegistry Keys { get; }

    public ControllerMetrics Metrics { get; }

    public SealedSecretsControllerOptions Options { get; } = new();

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));

    public SealedSecretReconciler Reconciler { get; }

    public double RsaOperations => Metrics.RsaOperations.Value;

    public void Apply(SealedSecret sealedSecret) => SealedSecrets.Set(sealedSecret);

    /// <summary>Reconciles, then lets the Secret cache see what the API holds (as the informer would).</summary>
    public async Task<ReconcileResult> ReconcileAsync(string ns, string name)
    {
        var result = await Reconciler.ReconcileAsync(new ReconcileRequest(ns, name), CancellationToken.None);
        SyncCache();
        return result;
    }

    public void SyncCache()
    {
        foreach (var secret in Target.Secrets.Values)
        {
            if (SecretCacheFilter.Transform(secret, Options) is { } slim)
            {
                Secrets.Set(slim);
            }
        }
    }

    public V1Secret? Secret(string ns, string name) => Target.Secrets.GetValueOrDefault($"{ns}/{name}");
}
