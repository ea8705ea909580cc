using k8s;
using k8s.Models;
using Kube.Runtime.Informers;

namespace SealedSecrets.Controller.Tests;

/// <summary>An informer cache the test fills by hand.</summary>
internal sealed class FakeInformer<T>(ResourceType resource) : IInformer<T>
    where T : class, IKubernetesObject<V1ObjectMeta>
{
    private readonly Dictionary<string, T> _items = new(StringComparer.Ordinal);

    public ResourceType Resource { get; } = resource;

    public bool HasSynced => true;

    public string? LastResourceVersion => "1";

    public int Count => _items.Count;

    public void Set(T item) => _items[$"{item.Metadata.NamespaceProperty}/{item.Metadata.Name}"] = item;

    public void Remove(string ns, string name) => _items.Remove($"{ns}/{name}");

    public Task WaitForSyncAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public T? Find(string? objectNamespace, string name) => _items.GetValueOrDefault($"{objectNamespace}/{name}");

    public IReadOnlyList<T> List(string? objectNamespace = null) => [.. _items.Values];

    public IReadOnlyList<T> ByIndex(string indexName, string value) => [];

    public IDisposable Subscribe(Action<InformerEvent<T>> handler) => new Nothing();

    private sealed class Nothing : IDisposable
    {
        public void Dispose()
        {
        }
    }
}
