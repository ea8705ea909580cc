using System.Security.Cryptography;
using System.Text.Json;
using k8s;
using k8s.Models;
using SealedSecrets.Api;
using SealedSecrets.Api.Serialization;
using SealedSecrets.Controller.Crd;
using SealedSecrets.Controller.Hosting;
using SealedSecrets.Controller.Options;
using SealedSecrets.Crypto;
using Sigil.Testing;

namespace SealedSecrets.Controller.Tests;

/// <summary>Helpers for tests that run the controller in process against the embedded API server.</summary>
internal static class ClusterFixture
{
    public static async Task<EmbeddedCluster> StartAsync(params string[] namespaces)
    {
        var cluster = await EmbeddedCluster.StartAsync();
        await cluster.InstallCrdAsync(SealedSecretCrd.Build());
        foreach (var ns in namespaces.Append("kube-system").Distinct())
        {
            try
            {
                await cluster.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
            }
            catch (k8s.Autorest.HttpOperationException ex) when (ex.Response.StatusCode == System.Net.HttpStatusCode.Conflict)
            {
            }
        }
        return cluster;
    }

    public static SealedSecretsControllerOptions Options(Action<SealedSecretsControllerOptions>? configure = null)
    {
        var options = new SealedSecretsControllerOptions
        {
            ControllerNamespace = "kube-system",
            KeySize = 2048,
            ListenAddr = "127.0.0.1:0",
            ListenMetricsAddr = "0",
            Workers = 2,
        };
        configure?.Invoke(options);
        return options;
    }

    public static Task<SealedSecretsControllerHost> StartControllerAsync(EmbeddedCluster cluster, SealedSecretsControllerOptions? options = null, TimeProvider? time = null) =>
        SealedSecretsControllerHost.StartAsync(cluster.CreateClient(), options ?? Options(), time: time);

    public static async Task<SealingPublicKey> FetchCertAsync(SealedSecretsControllerHost controller)
    {
        using var http = new HttpClient { BaseAddress = controller.HttpUrl };
        var pem = await http.GetStringAsync(new Uri("/v1/cert.pem", UriKind.Relative));
        return SealingPublicKey.FromCertificate(SealingPem.ReadFirstCertificate(pem));
    }

    public static SealedSecret Seal(SealingPublicKey key, string ns, string name, IDictionary<string, string> values, SealingScope scope = SealingScope.Strict) =>
        SealedSecretSealer.Seal(
            new V1Secret { Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns }, Type = "Opaque", StringData = new Dictionary<string, string>(values) },
            key, scope, RandomNumberGenerator.Create());

    public static async Task ApplyAsync(Kubernetes client, SealedSecret sealedSecret)
    {
        using var doc = JsonDocument.Parse(JsonSerializer.SerializeToUtf8Bytes(sealedSecret, SealedSecretsJsonContext.Default.SealedSecret));
        await client.CustomObjects.CreateNamespacedCustomObjectAsync(doc.RootElement, SealedSecretResource.Group, SealedSecretResource.Version, sealedSecret.Metadata.NamespaceProperty, SealedSecretResource.Plural);
    }

    public static async Task<SealedSecret> GetAsync(Kubernetes client, string ns, string name)
    {
        var obj = (JsonElement)await client.CustomObjects.GetNamespacedCustomObjectAsync(SealedSecretResource.Group, SealedSecretResource.Version, ns, SealedSecretResource.Plural, name);
        return obj.Deserialize(SealedSecretsJsonContext.Default.SealedSecret)!;
    }

    public static async Task<V1Secret?> SecretAsync(Kubernetes client, string ns, string name)
    {
        try
        {
            return await client.CoreV1.ReadNamespacedSecretAsync(name, ns);
        }
        catch (k8s.Autorest.HttpOperationException ex) when (ex.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public static async Task<SealedSecretCondition> SyncedAsync(Kubernetes client, string ns, string name, string status, TimeSpan? timeout = null) =>
        await Eventually.ValueAsync(async () =>
        {
            var ss = await GetAsync(client, ns, name);
            return ss.Status?.Conditions?.FirstOrDefault(c => c.Type == "Synced" && c.Status == status);
        }, $"{ns}/{name} Synced={status}", timeout ?? TimeSpan.FromSeconds(30));
}
