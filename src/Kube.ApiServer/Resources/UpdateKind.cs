namespace Kube.ApiServer.Resources;

internal enum UpdateKind
{
    Put,
    Patch,
    Apply,
}
