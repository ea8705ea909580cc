using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace SealedSecrets.Controller.Keys;

/// <summary>Key Secrets through the API server.</summary>
internal sealed class KubernetesKeySecretStore(IKubernetes client) : IKeySecretStore
{
    public async Task<IReadOnlyList<V1Secret>> ListAsync(string @namespace, string labelSelector, CancellationToken cancellationToken)
    {
        var list = await client.CoreV1.ListNamespacedSecretAsync(@namespace, labelSelector: labelSelector, cancellationToken: cancellationToken).ConfigureAwait(false);
        return list.Items.ToList();
    }

    public async Task<V1Secret?> GetAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CoreV1.ReadNamespacedSecretAsync(name, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public Task<V1Secret> CreateAsync(V1Secret secret, CancellationToken cancellationToken) =>
        client.CoreV1.CreateNamespacedSecretAsync(secret, secret.Metadata.NamespaceProperty, cancellationToken: cancellationToken);
}
