using k8s.Models;

namespace SealedSecrets.Controller.Keys;

/// <summary>Where key Secrets are read and created: the API server in production, memory in unit tests.</summary>
internal interface IKeySecretStore
{
    /// <summary>Secrets in <paramref name="namespace"/> matching <paramref name="labelSelector"/>.</summary>
    Task<IReadOnlyList<V1Secret>> ListAsync(string @namespace, string labelSelector, CancellationToken cancellationToken);

    /// <summary>The Secret, or null when it does not exist.</summary>
    Task<V1Secret?> GetAsync(string @namespace, string name, CancellationToken cancellationToken);

    /// <summary>Creates the Secret (honouring generateName) and returns it as stored.</summary>
    Task<V1Secret> CreateAsync(V1Secret secret, CancellationToken cancellationToken);
}
