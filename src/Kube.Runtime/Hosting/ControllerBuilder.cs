using k8s;
using k8s.Models;
using Kube.Runtime.Controllers;
using Kube.Runtime.Informers;
using Microsoft.Extensions.DependencyInjection;

namespace Kube.Runtime.Hosting;

/// <summary>Wires secondary kinds into a controller (controller-runtime's builder: For / Owns / Watches).</summary>
public sealed class ControllerBuilder<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    internal ControllerBuilder(IServiceCollection services) => Services = services;

    public IServiceCollection Services { get; }

    /// <summary>Configures the informer of the primary kind (namespace, selectors, transform, indexes).</summary>
    public ControllerBuilder<T> WithInformer(Action<InformerOptions<T>> configure)
    {
        Services.AddInformer(configure);
        return this;
    }

    /// <summary>Reconciles the owner when an owned object changes; registers the owned kind's informer.</summary>
    public ControllerBuilder<T> Owns<TOwned>(Action<InformerOptions<TOwned>>? informer = null, bool controllerOnly = true)
        where TOwned : class, IKubernetesObject<V1ObjectMeta>
    {
        Services.AddInformer(informer);
        Services.Configure<ControllerOptions<T>>(o => o.Owns<TOwned>(controllerOnly));
        return this;
    }

    /// <summary>Reconciles the keys <paramref name="map"/> returns when a <typeparamref name="TOther"/> changes.</summary>
    public ControllerBuilder<T> Watches<TOther>(Func<TOther, IEnumerable<ReconcileRequest>> map, Action<InformerOptions<TOther>>? informer = null)
        where TOther : class, IKubernetesObject<V1ObjectMeta>
    {
        Services.AddInformer(informer);
        Services.Configure<ControllerOptions<T>>(o => o.Watches(map));
        return this;
    }

    /// <summary>Reconciles the keys <paramref name="map"/> returns for each <typeparamref name="TOther"/> event (type, object, old object).</summary>
    public ControllerBuilder<T> WatchesEvents<TOther>(Func<InformerEvent<TOther>, IEnumerable<ReconcileRequest>> map, Action<InformerOptions<TOther>>? informer = null)
        where TOther : class, IKubernetesObject<V1ObjectMeta>
    {
        Services.AddInformer(informer);
        Services.Configure<ControllerOptions<T>>(o => o.WatchesEvents(map));
        return this;
    }
}
