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
                Scope(i, namespaces);
                i.Transform = WithoutManagedFields;
            })
            .WatchesEvents<V1Secret>(
                e => Requests(e, options, failures),
                i =>
                {
                    // Metadata only: the controller needs owner references, names and two
                    // annotations of Secrets, never their data through the watch; a Secret is read
                    // in full with a GET when its SealedSecret is reconciled. 10,000 unrelated
                    // 4 KiB Secrets then cost the controller a few hundred bytes each in transit
                    // and nothing in the cache (perf-security.md §1.3 S3).
                    i.MetadataOnly = true;
                    i.Transform = SecretCacheFilter.For(options);
                    i.PageSize = 500;
                    i.LabelSelector = NullIfEmpty(options.LabelSelector);
                    Scope(i, namespaces);
                });
        return services;
    }

    /// <summary>
    /// <c>--additional-namespaces</c> / <c>--all-namespaces=false</c> (reference §3.1): one list/watch
    /// per namespace (upstream runs one informer set per namespace), never an all-namespace watch
    /// filtered afterwards, so the controller needs no cluster-wide list permission and unwatched
    /// namespaces cost nothing.
    /// </summary>
    private static void Scope<T>(InformerOptions<T> informer, IReadOnlyList<string>? namespaces)
        where T : class
    {
        if (namespaces is null)
        {
            return;
        }
        if (namespaces.Count == 1)
        {
            informer.Namespace = namespaces[0];
            return;
        }
        foreach (var ns in namespaces)
        {
            informer.Namespaces.Add(ns);
        }
    }

    private static SealedSecret WithoutManagedFields(SealedSecret s)
    {
        if (s.Metadata?.ManagedFields is not null)
        {
            s.Metadata = s.Metadata with { ManagedFields = null };
        }
        return s;
    }

    internal static IEnumerable<ReconcileRequest> Requests(InformerEvent<V1Secret> e, SealedSecretsControllerOptions options, UnsealFailures failures)
    {
        var secret = e.Current;
        if (KeySecrets.IsKeySecret(secret, options))
        {
            // A new key may open what failed before.
            return e.Type == InformerEventType.Deleted ? [] : failures.Snapshot();
        }
        // Upstream (reference §3.6, controller.go watchSecrets) reacts to deletions only: a deleted
        // Secret controlled by the SealedSecret of the same name, or annotated managed, requeues
        // that SealedSecret, which recreates it. Edits are not watched (upstream undoes them only
        // when the SealedSecret is unsealed again).
        if (options.SkipRecreate || e.Type != InformerEventType.Deleted)
        {
            return [];
        }
        var meta = secret.Metadata;
        var controlledBySameName = meta.OwnerReferences?.Any(r => r.Controller == true && r.Kind == SealedSecretResource.Kind && r.Name == meta.Name) == true;
        return controlledBySameName || SecretOwnership.IsManaged(meta) ? [new ReconcileRequest(meta.NamespaceProperty, meta.Name)] : [];
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
