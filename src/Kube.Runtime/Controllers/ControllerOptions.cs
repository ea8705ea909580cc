using k8s;
using k8s.Models;
using Kube.Runtime.Informers;
using Microsoft.Extensions.DependencyInjection;

namespace Kube.Runtime.Controllers;

/// <summary>How one controller queues and runs its reconciler. Validated when the host starts.</summary>
public sealed class ControllerOptions<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly List<SecondaryWatch> _watches = [];

    /// <summary>The <c>controller</c> / <c>name</c> label of every metric, and the log scope.</summary>
    public string Name { get; set; } = typeof(T).Name.ToLowerInvariant();

    /// <summary>Workers; one key still never runs on two of them at once.</summary>
    public int MaxConcurrentReconciles { get; set; } = 1;

    /// <summary>Per-key exponential backoff after failures (controller-runtime: 5 ms .. 1000 s).</summary>
    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromMilliseconds(5);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(1000);

    /// <summary>Overall retry rate limit shared by all keys (controller-runtime: 10 qps, burst 100).</summary>
    public double RetryQps { get; set; } = 10;

    public int RetryBurst { get; set; } = 100;

    /// <summary>
    /// Which events of the primary kind enqueue a key (all when null), e.g.
    /// <see cref="EventFilters.GenerationChanged{T}"/> to ignore the controller's own status writes.
    /// </summary>
    public Func<InformerEvent<T>, bool>? Filter { get; set; }

    /// <summary>Cancels a single reconciliation that runs longer than this; null means no limit.</summary>
    public TimeSpan? ReconcileTimeout { get; set; }

    internal IReadOnlyList<SecondaryWatch> SecondaryWatches => _watches;

    /// <summary>
    /// Reconciles the owner when an owned <typeparamref name="TOwned"/> changes (owner references
    /// of this controller's kind; with <paramref name="controllerOnly"/>, only the controller ref).
    /// The owned kind's informer must be registered (<c>AddInformer&lt;TOwned&gt;</c>).
    /// </summary>
    public ControllerOptions<T> Owns<TOwned>(bool controllerOnly = true)
        where TOwned : class, IKubernetesObject<V1ObjectMeta>
        => Watch<TOwned>((obj, primary) => OwnerReferences.ToOwnerRequests(obj, primary.Group, primary.Kind, controllerOnly));

    /// <summary>Reconciles the keys <paramref name="map"/> returns whenever a <typeparamref name="TOther"/> changes.</summary>
    public ControllerOptions<T> Watches<TOther>(Func<TOther, IEnumerable<ReconcileRequest>> map)
        where TOther : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(map);
        return Watch<TOther>((obj, _) => map(obj));
    }

    /// <summary>
    /// Like <see cref="Watches{TOther}(Func{TOther, IEnumerable{ReconcileRequest}})"/>, but the map
    /// sees the whole event (added, updated with the old object, deleted), e.g. to react to deletions only.
    /// </summary>
    public ControllerOptions<T> WatchesEvents<TOther>(Func<InformerEvent<TOther>, IEnumerable<ReconcileRequest>> map)
        where TOther : class, IKubernetesObject<V1ObjectMeta>
    {
        ArgumentNullException.ThrowIfNull(map);
        _watches.Add(new SecondaryWatch(
            typeof(TOther),
            sp => (IRunnableInformer)sp.GetRequiredService<IInformer<TOther>>(),
            (sp, _, enqueue) => sp.GetRequiredService<IInformer<TOther>>().Subscribe(e =>
            {
                foreach (var request in map(e))
                {
                    enqueue(request);
                }
            })));
        return this;
    }

    internal void Validate()
    {
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors.Add("Name must be set");
        }

        if (MaxConcurrentReconciles < 1)
        {
            errors.Add("MaxConcurrentReconciles must be at least 1");
        }

        if (BaseBackoff <= TimeSpan.Zero || MaxBackoff < BaseBackoff)
        {
            errors.Add("BaseBackoff must be positive and MaxBackoff >= BaseBackoff");
        }

        if (RetryQps <= 0 || RetryBurst < 1)
        {
            errors.Add("RetryQps must be positive and RetryBurst at least 1");
        }

        if (ReconcileTimeout is { } t && t <= TimeSpan.Zero)
        {
            errors.Add("ReconcileTimeout must be positive");
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"Controller '{Name}' for {typeof(T).Name}: {string.Join("; ", errors)}.");
        }
    }

    private ControllerOptions<T> Watch<TOther>(Func<TOther, ResourceType, IEnumerable<ReconcileRequest>> map)
        where TOther : class, IKubernetesObject<V1ObjectMeta>
    {
        _watches.Add(new SecondaryWatch(
            typeof(TOther),
            sp => (IRunnableInformer)sp.GetRequiredService<IInformer<TOther>>(),
            (sp, primary, enqueue) => sp.GetRequiredService<IInformer<TOther>>().Subscribe(e =>
            {
                foreach (var request in map(e.Current, primary))
                {
                    enqueue(request);
                }

                // An update can move the object from one owner to another: reconcile the old owner too.
                if (e.Old is { } old && !ReferenceEquals(old, e.Current))
                {
                    foreach (var request in map(old, primary))
                    {
                        enqueue(request);
                    }
                }
            })));
        return this;
    }
}
