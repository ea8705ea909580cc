using System.Threading.Channels;
using k8s;
using k8s.Models;
using Kube.Runtime.Informers;

namespace Kube.Runtime.Tests.Informers;

internal sealed class FakeWatch<T>(WatchRequest request)
    where T : class
{
    public WatchRequest Request { get; } = request;

    public Channel<WatchEvent<T>> Events { get; } = Channel.CreateUnbounded<WatchEvent<T>>();

    public void Send(WatchEventType type, T obj) => Events.Writer.TryWrite(new(type, obj, null, null));

    public void Bookmark(string rv) => Events.Writer.TryWrite(new(WatchEventType.Bookmark, null, rv, null));

    public void Gone() => Events.Writer.TryWrite(new(WatchEventType.Error, null, null, new V1Status { Code = 410, Reason = "Expired", Message = "too old resource version" }));

    public void Close() => Events.Writer.TryComplete();
}
