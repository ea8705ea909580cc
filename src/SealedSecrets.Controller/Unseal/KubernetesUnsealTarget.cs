using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using SealedSecrets.Api;
using SealedSecrets.Api.Serialization;

namespace SealedSecrets.Controller.Unseal;

/// <summary><see cref="IUnsealTarget"/> over the official client.</summary>
internal sealed class KubernetesUnsealTarget(IKubernetes client) : IUnsealTarget
{
    public async Task<V1Secret?> GetSecretAsync(string @namespace, string name, CancellationToken cancellationToken)
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

    public async Task<V1Secret?> CreateSecretAsync(V1Secret secret, CancellationToken cancellationToken)
    {
        try
        {
            return await client.CoreV1.CreateNamespacedSecretAsync(secret, secret.Metadata.NamespaceProperty, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.Conflict)
        {
            return null;
        }
    }

    public Task<V1Secret> UpdateSecretAsync(V1Secret secret, CancellationToken cancellationToken) =>
        client.CoreV1.ReplaceNamespacedSecretAsync(secret, secret.Metadata.Name, secret.Metadata.NamespaceProperty, cancellationToken: cancellationToken);

    public async Task DeleteSecretAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        try
        {
            await client.CoreV1.DeleteNamespacedSecretAsync(name, @namespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.NotFound)
        {
        }
    }

    public async Task UpdateStatusAsync(SealedSecret sealedSecret, SealedSecretStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sealedSecret);
        // A merge patch of the whole status: no resourceVersion conflicts with spec edits, and the
        // conditions list is replaced as a whole (merge patch replaces arrays).
        var body = new JsonObject
        {
            ["status"] = JsonSerializer.SerializeToNode(status, SealedSecretsJsonContext.Default.GetTypeInfo(typeof(SealedSecretStatus))!),
        };
        await client.CustomObjects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch(body.ToJsonString(), V1Patch.PatchType.MergePatch),
            SealedSecretResource.Group,
            SealedSecretResource.Version,
            sealedSecret.Metadata.NamespaceProperty,
            SealedSecretResource.Plural,
            sealedSecret.Metadata.Name,
            cancellationToken: cancellationToken).ConfigureAwait(false);
    }
}
