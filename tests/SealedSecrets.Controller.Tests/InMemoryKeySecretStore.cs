using k8s.Models;
using SealedSecrets.Controller.Keys;

namespace SealedSecrets.Controller.Tests;

internal sealed class InMemoryKeySecretStore(TimeProvider time) : IKeySecretStore
{
    public List<V1Secret> Secrets { get; } = [];

    public Task<IReadOnlyList<V1Secret>> ListAsync(string @namespace, string labelSelector, CancellationToken cancellationToken)
    {
        var (key, value) = (labelSelector.Split('=')[0], labelSelector.Split('=')[1]);
        return Task.FromResult<IReadOnlyList<V1Secret>>([.. Secrets.Where(s => s.Metadata.NamespaceProperty == @namespace && s.Metadata.Labels is { } l && l.TryGetValue(key, out var v) && v == value)]);
    }

    public Task<V1Secret?> GetAsync(string @namespace, string name, CancellationToken cancellationToken) =>
        Task.FromResult(Secrets.FirstOrDefault(s => s.Metadata.NamespaceProperty == @namespace && s.Metadata.Name == name));

    public Task<V1Secret> CreateAsync(V1Secret secret, CancellationToken cancellationToken)
    {
        secret.Metadata.Name ??= secret.Metadata.GenerateName + Guid.NewGuid().ToString("N")[..5];
        secret.Metadata.CreationTimestamp = time.GetUtcNow().UtcDateTime;
        Secrets.Add(secret);
        return Task.FromResult(secret);
    }
}
