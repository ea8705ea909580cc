namespace Kube.Runtime.Informers;

/// <summary>The type-erased view the hosting layer needs to run informers and report sync.</summary>
internal interface IRunnableInformer
{
    ResourceType Resource { get; }

    bool HasSynced { get; }

    Task WaitForSyncAsync(CancellationToken cancellationToken);

    Task RunAsync(CancellationToken cancellationToken);
}
