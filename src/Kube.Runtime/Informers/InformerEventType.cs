namespace Kube.Runtime.Informers;

public enum InformerEventType
{
    Added,
    Updated,
    Deleted,
}
