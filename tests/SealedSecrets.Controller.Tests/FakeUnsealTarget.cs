using k8s.Models;
using SealedSecrets.Api;
using SealedSecrets.Controller.Unseal;

namespace SealedSecrets.Controller.Tests;

/// <summary>An in-memory API for the reconciler that counts every write.</summary>
internal sealed class FakeUnsealTarget : IUnsealTarget
{
    private int _rv = 100;

    public Dictionary<string, V1Secret> Secrets { get; } = new(StringComparer.Ordinal);

    public List<(string Key, SealedSecretStatus Status)> StatusWrites { get; } = [];

    public int SecretWrites { get; private set; }

    public Task<V1Secret?> GetSecretAsync(string @namespace, string name, CancellationToken cancellationToken) =>
        Task.FromResult(Secrets.GetValueOrDefault($"{@namespace}/{name}"));

    public Task<V1Secret?> CreateSecretAsync(V1Secret secret, CancellationToken cancellationToken)
    {
        var key = $"{secret.Metadata.NamespaceProperty}/{secret.Metadata.Name}";
        if (Secrets.ContainsKey(key))
        {
            return Task.FromResult<V1Secret?>(null);
        }
        SecretWrites++;
        secret.Metadata.ResourceVersion = (++_rv).ToString(System.Globalization.CultureInfo.InvariantCulture);
        secret.Metadata.Uid ??= Guid.NewGuid().ToString();
        Secrets[key] = secret;
        return Task.FromResult<V1Secret?>(secret);
    }

    public Task<V1Secret> UpdateSecretAsync(V1Secret secret, CancellationToken cancellationToken)
    {
        SecretWrites++;
        secret.Metadata.ResourceVersion = (++_rv).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Secrets[$"{secret.Metadata.NamespaceProperty}/{secret.Metadata.Name}"] = secret;
        return Task.FromResult(secret);
    }

    public Task DeleteSecretAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        SecretWrites++;
        Secrets.Remove($"{@namespace}/{name}");
        return Task.CompletedTask;
    }

    public Task UpdateStatusAsync(SealedSecret sealedSecret, SealedSecretStatus status, CancellationToken cancellationToken)
    {
        StatusWrites.Add(($"{sealedSecret.Metadata.NamespaceProperty}/{sealedSecret.Metadata.Name}", status));
        sealedSecret.Status = status;
        return Task.CompletedTask;
    }
}
