using System.Text;
using k8s;
using k8s.Models;
using SealedSecrets.Api;
using Sigil.Testing;

namespace SealedSecrets.Controller.Tests;

/// <summary>The controller in process against the embedded API server.</summary>
public sealed class ControllerIntegrationTests
{
    private static readonly Dictionary<string, string> Values = new() { ["PAYMENT_API_KEY"] = "sk_live_xxx", ["STRIPE_WEBHOOK_SECRET"] = "whsec_xxx" };

    [Fact]
    public async Task A_SealedSecret_applied_to_the_cluster_becomes_its_Secret_and_a_restart_in_sync_costs_nothing()
    {
        await using var cluster = await ClusterFixture.StartAsync("production");
        var controller = await ClusterFixture.StartControllerAsync(cluster);
        var cert = await ClusterFixture.FetchCertAsync(controller);

        await ClusterFixture.ApplyAsync(cluster.Client, ClusterFixture.Seal(cert, "production", "checkout-secrets", Values));

        var condition = await ClusterFixture.SyncedAsync(cluster.Client, "production", "checkout-secrets", "True");
        Assert.Equal(string.Empty, condition.Message);
        var secret = (await ClusterFixture.SecretAsync(cluster.Client, "production", "checkout-secrets"))!;
        Assert.Equal("sk_live_xxx", Encoding.UTF8.GetString(secret.Data["PAYMENT_API_KEY"]));
        Assert.Equal("whsec_xxx", Encoding.UTF8.GetString(secret.Data["STRIPE_WEBHOOK_SECRET"]));
        Assert.Equal("SealedSecret", Assert.Single(secret.Metadata.OwnerReferences).Kind);
        var keys = await cluster.Client.CoreV1.ListNamespacedSecretAsync("kube-system", labelSelector: "sealedsecrets.bitnami.com/sealed-secrets-key=active");
        Assert.Equal("kubernetes.io/tls", Assert.Single(keys.Items).Type);
        await Eventually.UntilAsync(async () => (await cluster.Client.CoreV1.ListNamespacedEventAsync("production")).Items.Any(e => e.Reason == "Unsealed"), "an Unsealed event");
        await controller.DisposeAsync();

        await using var restarted = await ClusterFixture.StartControllerAsync(cluster);
        await Eventually.UntilAsync(async () => (await ClusterFixture.GetAsync(cluster.Client, "production", "checkout-secrets")).Status is not null, "status still there");
        // Give the workers the time to go through the queue; nothing may be decrypted or written.
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.Equal(0, restarted.RsaOperations);
        Assert.Equal(0, restarted.Writes);
        Assert.Equal(1, restarted.KeyCount);
    }

    [Fact]
    public async Task A_deleted_Secret_is_recreated_and_an_unowned_one_is_left_alone()
    {
        await using var cluster = await ClusterFixture.StartAsync("team-a");
        await using var controller = await ClusterFixture.StartControllerAsync(cluster);
        var cert = await ClusterFixture.FetchCertAsync(controller);
        await cluster.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "mine", NamespaceProperty = "team-a" }, StringData = new Dictionary<string, string> { ["password"] = "original" } }, "team-a");

        await ClusterFixture.ApplyAsync(cluster.Client, ClusterFixture.Seal(cert, "team-a", "mine", new Dictionary<string, string> { ["password"] = "sealed" }));
        await ClusterFixture.ApplyAsync(cluster.Client, ClusterFixture.Seal(cert, "team-a", "app", new Dictionary<string, string> { ["password"] = "sealed" }));

        var refused = await ClusterFixture.SyncedAsync(cluster.Client, "team-a", "mine", "False");
        Assert.Equal("Resource \"mine\" already exists and is not managed by SealedSecret", refused.Message);
        Assert.Equal("original", Encoding.UTF8.GetString((await ClusterFixture.SecretAsync(cluster.Client, "team-a", "mine"))!.Data["password"]));

        await ClusterFixture.SyncedAsync(cluster.Client, "team-a", "app", "True");
        await cluster.Client.CoreV1.DeleteNamespacedSecretAsync("app", "team-a");
        var recreated = await Eventually.ValueAsync(() => ClusterFixture.SecretAsync(cluster.Client, "team-a", "app"), "the Secret is recreated", TimeSpan.FromSeconds(30));
        Assert.Equal("sealed", Encoding.UTF8.GetString(recreated!.Data["password"]));
    }
}
