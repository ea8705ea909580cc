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
        services.AddHostedService<KeySecretWatcher>();

        var namespaces = options.WatchedNamespaces;
        services.AddController<SealedSecretReconciler, SealedSecret>(o =>
            {
                o.Name = "sealedsecret";
                o.MaxConcurrentReconciles = options.Workers;
            })
            .WithInformer(i =>
            {
                i.Resource = SealedSecretResourceType;
                i.LabelSelector = NullIfEmpty(options.LabelSelector);
                i.Namespace = namespaces is { Count: 1 } ? namespaces[0] : null;
                i.Transform = namespaces is null ? WithoutManagedFields : s => namespaces.Contains(s.Metadata?.NamespaceProperty ?? string.Empty) ? WithoutManagedFields(s) : null;
            })
            .Watches<V1Secret>(
                secret => Requests(secret, options, failures),
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

    private static IEnumerable<ReconcileRequest> Requests(V1Secret secret, SealedSecretsControllerOptions options, UnsealFailures failures)
    {
        if (KeySecrets.IsKeySecret(secret, options))
        {
            // A new key may open what failed before.
            return failures.Snapshot();
        }
        // Upstream recreates a deleted Secret by queueing the SealedSecret of the same name.
        return options.SkipRecreate ? [] : [new ReconcileRequest(secret.Metadata.NamespaceProperty, secret.Metadata.Name)];
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
