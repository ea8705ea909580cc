using System.Security.Cryptography;
using k8s;
using k8s.Models;
using Kube.Runtime.Controllers;
using Kube.Runtime.Hosting;
using Kube.Runtime.Informers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SealedSecrets.Api;
using SealedSecrets.Controller.Http;
using SealedSecrets.Controller.Keys;
using SealedSecrets.Controller.Metrics;
using SealedSecrets.Controller.Options;
using SealedSecrets.Controller.Unseal;

namespace SealedSecrets.Controller.Hosting;

/// <summary>
/// Registers the whole Sealed Secrets controller on a host whose <see cref="IKubernetes"/> the
/// caller provides (kubeconfig, in-cluster config, or the embedded server): keys first (so the
/// reconciler and <c>/v1/cert.pem</c> always have one), then the runtime, the HTTP API and the
/// unseal controller with its SealedSecret and (slim) Secret informers.
/// </summary>
public static class SealedSecretsControllerServices
{
    /// <summary>The SealedSecret resource for informers (the model has no [KubernetesEntity]).</summary>
    public static ResourceType SealedSecretResourceType { get; } =
        new(SealedSecretResource.Group, SealedSecretResource.Version, SealedSecretResource.Plural, SealedSecretResource.Kind);

    public static IServiceCollection AddSealedSecretsController(this IServiceCollection services, SealedSecretsControllerOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        services.AddSingleton(options);
        services.AddSingleton<KeyRegistry>();
        services.AddSingleton<IKeySecretStore>(sp => new KubernetesKeySecretStore(sp.GetRequiredService<IKubernetes>()));
        services.AddSingleton<KeyRenewal>();
        services.AddSingleton<KeyRenewalService>();
        // Registered before the runtime so keys are loaded before informers and workers start.
        services.AddHostedService(sp => sp.GetRequiredService<KeyRenewalService>());

        services.AddKubeRuntime(o =>
        {
            o.MetricsBindAddress = options.ListenMetricsAddr;
            o.HealthProbeBindAddress = null; // /healthz is on --listen-addr, as upstream.
            o.Events.Component = ControllerMessages.Component;
            o.LeaderElection.Enabled = options.LeaderElect;
            o.LeaderElection.LeaseName = options.LeaderElectionId;
            o.LeaderElection.LeaseNamespace = options.ControllerNamespace;
        });
        services.AddSingleton(sp => new ControllerMetrics(sp.GetRequiredService<Kube.Runtime.Metrics.RuntimeMetrics>(), options.MetricsOmitSecretLabels));
        services.AddSingleton<IUnsealTarget>(sp => new KubernetesUnsealTarget(sp.GetRequiredService<IKubernetes>()));
        services.AddSingleton(sp => new Reencryption(sp.GetRequiredService<KeyRegistry>(), RandomNumberGenerator.Create()));
        services.AddSingleton<ControllerHttpServer>();
        services.AddHostedService(sp => sp.GetRequiredService<ControllerHttpServer>());
        var failures = new UnsealFailures();
        services.AddSingleton(failures);
        services.AddSingleton(_ => new UnsealGate(options.Workers));
        services.AddHostedService<KeySecretWatcher>();

        var namespaces = options.WatchedNamespaces;
        services.AddController<SealedSecretReconciler, SealedSecret>(o =>
            {
                o.Name = "sealedsecret";
                // --workers bounds the RSA work (UnsealGate); more reconciles run so API round trips overlap it.
                o.MaxConcurrentReconciles = UnsealGate.InFlight(options.Workers);
                // Upstream queues an update only when the spec changed (reference §3.6), so the
                // controller's own status writes do not wake it again.
                o.Filter = EventFilters.GenerationChanged;
            })
            .WithInformer(i =>
            {
                i.Resource = SealedSecretResourceType;
                i.LabelSelector = NullIfEmpty(options.LabelSelector);
                i.Namespace = namespaces is { Count: 1 } ? namespaces[0] : null;
                i.Transform = namespaces is null ? WithoutManagedFields : s => namespaces.Contains(s.Metadata?.NamespaceProperty ?? string.Empty) ? WithoutManagedFields(s) : null;
            })
            .WatchesEvents<V1Secret>(
                change => SecretRequests(change, options, failures),
                i =>
                {
                    i.Transform = SecretCacheFilter.For(options);
                    // Small pages: unrelated Secrets are parsed and dropped page by page, so the
                    // transient heap of the first list stays small (perf-security.md §1.3 S3).
                    i.PageSize = 100;
                    i.LabelSelector = NullIfEmpty(options.LabelSelector);
                });
        return services;
    }

    private static SealedSecret WithoutManagedFields(SealedSecret s)
    {
        if (s.Metadata?.ManagedFields is not null)
        {
            s.Metadata = s.Metadata with { ManagedFields = null };
        }
        return s;
    }

    internal static IEnumerable<ReconcileRequest> SecretRequests(InformerEvent<V1Secret> change, SealedSecretsControllerOptions options, UnsealFailures failures)
    {
        var secret = change.Current;
        if (KeySecrets.IsKeySecret(secret, options))
        {
            // A new key may open what failed before.
            return failures.Snapshot();
        }
        if (options.SkipRecreate)
        {
            return [];
        }
        // The echo of the controller's own create or update (owned and stamped with the source
        // digest) needs no second pass: the reconcile that wrote it is in sync. Upstream requeues on
        // deletion only (reference §3.6); other changes (say, a blocking Secret annotated managed)
        // still requeue, so it is taken over without waiting for a retry.
        if (change.Type != InformerEventType.Deleted && IsOwnWrite(secret))
        {
            return [];
        }
        // Upstream recreates a deleted Secret by queueing the SealedSecret of the same name.
        return [new ReconcileRequest(secret.Metadata.NamespaceProperty, secret.Metadata.Name)];
    }

    private static bool IsOwnWrite(V1Secret secret) =>
        SecretOwnership.IsOwnedBySealedSecret(secret.Metadata)
        && secret.Metadata.Annotations?.ContainsKey(ControllerMessages.SourceHashAnnotation) == true;

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
