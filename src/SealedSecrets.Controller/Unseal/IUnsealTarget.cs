using k8s.Models;
using SealedSecrets.Api;

namespace SealedSecrets.Controller.Unseal;

/// <summary>The API calls the unseal reconciler makes (reads come from the informer caches).</summary>
internal interface IUnsealTarget
{
    /// <summary>The live Secret, or null when it does not exist.</summary>
    Task<V1Secret?> GetSecretAsync(string @namespace, string name, CancellationToken cancellationToken);

    /// <summary>Creates the Secret; null when one with that name appeared meanwhile (409).</summary>
    Task<V1Secret?> CreateSecretAsync(V1Secret secret, CancellationToken cancellationToken);

    /// <summary>Replaces the Secret (optimistic concurrency on its resourceVersion).</summary>
    Task<V1Secret> UpdateSecretAsync(V1Secret secret, CancellationToken cancellationToken);

    Task DeleteSecretAsync(string @namespace, string name, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="status"/> through the <c>/status</c> subresource.</summary>
    Task UpdateStatusAsync(SealedSecret sealedSecret, SealedSecretStatus status, CancellationToken cancellationToken);
}
