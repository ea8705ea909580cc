using System.Runtime.CompilerServices;
using System.Threading.Channels;
using k8s;
using k8s.Models;
using Kube.Runtime.Informers;

namespace Kube.Runtime.Tests.Informers;

/// <summary>A scripted API: lists answer from a queue; each watch is a channel the test writes to.</summary>
internal sealed class FakeListWatch : IListWatchClient<V1ConfigMap>
{
    private readonly Channel<FakeWatch> _watches = Channel.CreateUnbounded<FakeWatch>();

    public Queue<Func<ListRequest, ListPage<V1ConfigMap>>> Lists { get; } = new();

    public List<ListRequest> ListCalls { get; } = [];

    public Task<ListPage<V1ConfigMap>> ListAsync(ListRequest request, CancellationToken cancellationToken)
    {
        lock (ListCalls)
        {
            ListCalls.Add(request);
            if (Lists.Count == 0)
            {
                throw new InvalidOperationException("unexpected list");
            }

            return Task.FromResult(Lists.Dequeue()(request));
        }
    }

    public async IAsyncEnumerable<WatchEvent<V1ConfigMap>> WatchAsync(WatchRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var watch = new FakeWatch(request);
        await _watches.Writer.WriteAsync(watch, cancellationToken);
        await foreach (var e in watch.Events.Reader.ReadAllAsync(cancellationToken))
        {
            yield return e;
        }
    }

    public Task<FakeWatch> NextWatchAsync() => _watches.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));

    public static V1ConfigMap Map(string name, string rv, string ns = "default", string? value = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns, ResourceVersion = rv, Labels = new Dictionary<string, string> { ["app"] = name } },
        Data = value is null ? null : new Dictionary<string, string> { ["v"] = value },
    };
}

internal sealed class FakeWatch(WatchRequest request)
{
    public WatchRequest Request { get; } = request;

    public Channel<WatchEvent<V1ConfigMap>> Events { get; } = Channel.CreateUnbounded<WatchEvent<V1ConfigMap>>();

    public void Send(WatchEventType type, V1ConfigMap obj) => Events.Writer.TryWrite(new(type, obj, null, null));

    public void Bookmark(string rv) => Events.Writer.TryWrite(new(WatchEventType.Bookmark, null, rv, null));

    public void Gone() => Events.Writer.TryWrite(new(WatchEventType.Error, null, null, new V1Status { Code = 410, Reason = "Expired", Message = "too old resource version" }));

    public void Close() => Events.Writer.TryComplete();
}
