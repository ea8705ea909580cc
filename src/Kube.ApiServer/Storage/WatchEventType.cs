namespace Kube.ApiServer.Storage;

internal enum WatchEventType
{
    Added,
    Modified,
    Deleted,
}
