namespace Kube.Runtime.Informers;

/// <summary>The server answered 410 Gone / Expired: the resourceVersion is too old, so relist.</summary>
internal sealed class ResourceVersionExpiredException : Exception
{
    public ResourceVersionExpiredException()
    {
    }

    public ResourceVersionExpiredException(string message)
        : base(message)
    {
    }

    public ResourceVersionExpiredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
