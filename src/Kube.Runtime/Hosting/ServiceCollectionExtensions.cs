using k8s;
using k8s.Models;
using Kube.Runtime.Controllers;
using Kube.Runtime.Events;
using Kube.Runtime.Health;
using Kube.Runtime.Informers;
using Kube.Runtime.Leadership;
using Kube.Runtime.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kube.Runtime.Hosting;

/// <summary>
/// Registration. The application registers an <see cref="IKubernetes"/> (kubeconfig or in-cluster)
/// and then, for example:
/// <code>
/// services.AddKubeRuntime(o => { o.MetricsBindAddress = ":8081"; o.LeaderElection.Enabled = true; ... });
/// services.AddController&lt;SealedSecretReconciler, SealedSecret&gt;(o => o.MaxConcurrentReconciles = 4)
///         .Owns&lt;V1Secret&gt;(i => i.Transform = ObjectTransforms.SecretMetadataOnly);
/// </code>
/// </summary>
public static class ServiceCollectionExtensions
{
    /// <summary>The shared parts: clock, metrics, leadership, event recorder, informer host, probes/metrics server.</summary>
    public static IServiceCollection AddKubeRuntime(this IServiceCollection services, Action<RuntimeOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (configure is not null)
        {
            services.Configure(configure);
        }

        if (services.Any(d => d.ServiceType == typeof(RuntimeMetrics)))
        {
            return services;
        }

        services.AddOptions<RuntimeOptions>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<RuntimeOptions>>(new OptionsValidator<RuntimeOptions>(o => o.Validate()));
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<RuntimeMetrics>();
        services.AddSingleton<ILeadership>(sp =>
        {
            var election = sp.GetRequiredService<IOptions<RuntimeOptions>>().Value.LeaderElection;
            return election.Enabled
                ? new LeaderElectionService(sp.GetRequiredService<IKubernetes>(), election, sp.GetRequiredService<IHostApplicationLifetime>(), sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<LeaderElectionService>>())
                : new AlwaysLeader(election.Identity ?? Environment.MachineName);
        });
        services.TryAddSingleton<IEventSink>(sp => new KubernetesEventSink(sp.GetRequiredService<IKubernetes>()));
        services.AddSingleton<IEventRecorder>(sp => new EventRecorder(
            sp.GetRequiredService<IEventSink>(),
            sp.GetRequiredService<IOptions<RuntimeOptions>>().Value.Events,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<EventRecorder>>()));
        services.AddSingleton<RuntimeHttpServer>();

        // Hosted services start in this order and stop in reverse: controllers (added later)
        // stop first, the lease is released last.
        services.AddHostedService<LeadershipHost>();
        services.AddHostedService<InformerHost>();
        services.AddHostedService<EventRecorderHost>();
        services.AddHostedService(sp => sp.GetRequiredService<RuntimeHttpServer>());
        services.AddHealthChecks()
            .AddCheck<InformersSyncedHealthCheck>("informers-synced", tags: [RuntimeEndpoints.ReadyTag])
            .AddCheck<LeadershipHealthCheck>("leader-election", tags: [RuntimeEndpoints.ReadyTag]);
        return services;
    }

    /// <summary>
    /// One shared informer (and cache) per object type; later calls add configuration.
    /// Inject <see cref="IInformer{T}"/> to read from the cache.
    /// </summary>
    public static IServiceCollection AddInformer<T>(this IServiceCollection services, Action<InformerOptions<T>>? configure = null)
        where T : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddKubeRuntime();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        if (services.Any(d => d.ServiceType == typeof(Informer<T>)))
        {
            return services;
        }

        services.AddOptions<InformerOptions<T>>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<InformerOptions<T>>>(new OptionsValidator<InformerOptions<T>>(o => o.Validate($"informer for {typeof(T).Name}")));
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<InformerOptions<T>>>().Value;
            var client = sp.GetService<IListWatchClient<T>>()
                ?? new KubernetesListWatchClient<T>(sp.GetRequiredService<IKubernetes>(), options.Resource ?? ResourceType.For<T>(), options.MetadataOnly);
            return new Informer<T>(client, options, sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<Informer<T>>>());
        });
        services.AddSingleton<IInformer<T>>(sp => sp.GetRequiredService<Informer<T>>());
        services.AddSingleton<IRunnableInformer>(sp => sp.GetRequiredService<Informer<T>>());
        return services;
    }

    /// <summary>
    /// A controller for <typeparamref name="TObject"/> run by <typeparamref name="TReconciler"/>
    /// (a singleton unless registered otherwise before). Chain <c>Owns</c>/<c>Watches</c> for secondary kinds.
    /// </summary>
    public static ControllerBuilder<TObject> AddController<TReconciler, TObject>(this IServiceCollection services, Action<ControllerOptions<TObject>>? configure = null)
        where TReconciler : class, IReconciler<TObject>
        where TObject : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddInformer<TObject>();
        services.TryAddSingleton<TReconciler>();
        if (configure is not null)
        {
            services.Configure(configure);
        }

        services.AddOptions<ControllerOptions<TObject>>().ValidateOnStart();
        services.AddSingleton<IValidateOptions<ControllerOptions<TObject>>>(new OptionsValidator<ControllerOptions<TObject>>(o => o.Validate()));
        services.AddSingleton(sp => new Controller<TObject>(
            sp.GetRequiredService<IOptions<ControllerOptions<TObject>>>().Value,
            sp.GetRequiredService<IInformer<TObject>>(),
            sp,
            sp.GetRequiredService<TReconciler>(),
            sp.GetRequiredService<ILeadership>(),
            sp.GetRequiredService<RuntimeMetrics>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<Controller<TObject>>>()));
        services.AddHostedService(sp => sp.GetRequiredService<Controller<TObject>>());
        return new ControllerBuilder<TObject>(services);
    }
}
