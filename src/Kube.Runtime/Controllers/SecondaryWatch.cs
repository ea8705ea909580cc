using Kube.Runtime.Informers;

namespace Kube.Runtime.Controllers;

/// <summary>
/// A watched secondary kind, type-erased so options can hold several: how to find its informer
/// and how to turn its events into owner keys.
/// </summary>
internal sealed record SecondaryWatch(
    Type ObjectType,
    Func<IServiceProvider, IRunnableInformer> Informer,
    Func<IServiceProvider, ResourceType, Action<ReconcileRequest>, IDisposable> Subscribe);
