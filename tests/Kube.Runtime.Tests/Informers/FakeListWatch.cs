using System.Runtime.CompilerServices;
using System.Threading.Channels;
using k8s;
using k8s.Models;
using Kube.Runtime.Informers;

namespace Kube.Runtime.Tests.Informers;

/// <summary>A scripted API: lists answer from a queue; each watch is a channel the test writes to.</summary>
internal sealed class FakeListWatch<T> : IListWatchClient<T>
    where T : class
{
    private readonly Channel<FakeWatch<T>> _watches = Channel.CreateUnbounded<FakeWatch<T>>();

    public Queue<Func<ListRequest, ListPage<T>>> Lists { get; } = new();

    public List<ListRequest> ListCalls { get; } = [];

    public Task<ListPage<T>> ListAsync(ListRequest request, CancellationToken cancellationToken)
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

    public async IAsyncEnumerable<WatchEvent<T>> WatchAsync(WatchRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var watch = new FakeWatch<T>(request);
        await _watches.Writer.WriteAsync(watch, cancellationToken);
        await foreach (var e in watch.Events.Reader.ReadAllAsync(cancellationToken))
        {
            yield return e;
        }
    }

    public Task<FakeWatch<T>> NextWatchAsync() => _watches.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(10));
}
