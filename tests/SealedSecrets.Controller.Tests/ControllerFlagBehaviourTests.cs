using k8s;
using k8s.Models;
using Kube.Runtime.Informers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SealedSecrets.Api;
using SealedSecrets.Controller.Hosting;
using Sigil.Testing;

namespace SealedSecrets.Controller.Tests;

/// <summary>Flags that change how the controller talks to the API server (reference §3.1).</summary>
public sealed class ControllerFlagBehaviourTests
{
    [Fact]
    public async Task The_controller_client_spends_kubeclient_burst_then_waits_for_kubeclient_qps_tokens()
    {
        await using var cluster = await EmbeddedCluster.StartAsync();
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
        var options = ClusterFixture.Options(o =>
        {
            o.KubeclientQps = 1;
            o.KubeclientBurst = 2;
        });
        using var client = SealedSecretsControllerHost.CreateClient(KubernetesClientConfiguration.BuildConfigFromConfigFile(cluster.KubeconfigPath), options, time);

        await client.CoreV1.ListNamespaceAsync().WaitAsync(TimeSpan.FromSeconds(30));
        await client.CoreV1.ListNamespaceAsync().WaitAsync(TimeSpan.FromSeconds(30));
        var third = client.CoreV1.ListNamespaceAsync();
        // A request sent after the third one, on an unthrottled client, comes back first.
        await cluster.Client.CoreV1.ListNamespaceAsync().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(third.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(1));
        await third.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Additional_namespaces_are_listed_and_watched_one_by_one_missing_ones_skipped_and_other_namespaces_ignored()
    {
        await using var cluster = await ClusterFixture.StartAsync("team-a", "team-b");
        var options = ClusterFixture.Options(o =>
        {
            o.AllNamespaces = false;
            o.AdditionalNamespaces = ["team-a", "no-such-namespace"];
        });
        await using var controller = await ClusterFixture.StartControllerAsync(cluster, options);
        var sealedSecretInformer = controller.Services.GetRequiredService<IOptions<InformerOptions<SealedSecret>>>().Value;
        var secretInformer = controller.Services.GetRequiredService<IOptions<InformerOptions<V1Secret>>>().Value;
        Assert.Equal(["kube-system", "team-a"], sealedSecretInformer.Namespaces);
        Assert.Equal(["kube-system", "team-a"], secretInformer.Namespaces);
        Assert.Null(sealedSecretInformer.Namespace);
        Assert.True(secretInformer.MetadataOnly);

        var cert = await ClusterFixture.FetchCertAsync(controller);
        await ClusterFixture.ApplyAsync(cluster.Client, ClusterFixture.Seal(cert, "team-b", "app", new Dictionary<string, string> { ["k"] = "b" }));
        await ClusterFixture.ApplyAsync(cluster.Client, ClusterFixture.Seal(cert, "team-a", "app", new Dictionary<string, string> { ["k"] = "a" }));
        await ClusterFixture.SyncedAsync(cluster.Client, "team-a", "app", "True");

        Assert.Null(await ClusterFixture.SecretAsync(cluster.Client, "team-b", "app"));
        Assert.Null((await ClusterFixture.GetAsync(cluster.Client, "team-b", "app")).Status);
    }

    [Fact]
    public async Task With_watch_for_secrets_a_restored_key_is_read_from_the_metadata_watch_and_opens_what_failed()
    {
        await using var cluster = await ClusterFixture.StartAsync("apps");
        var options = ClusterFixture.Options(o => o.WatchForSecrets = true);
        await using var controller = await ClusterFixture.StartControllerAsync(cluster, options);
        var backup = TestKeys.Pair(3);
        var sealedForBackup = backup.PrivateKey.PublicKey;
        await ClusterFixture.ApplyAsync(cluster.Client, ClusterFixture.Seal(sealedForBackup, "apps", "old", new Dictionary<string, string> { ["k"] = "from-backup" }));
        await ClusterFixture.SyncedAsync(cluster.Client, "apps", "old", "False");

        // kubectl apply -f main.key: the key Secret comes back while the controller runs.
        await cluster.Client.CoreV1.CreateNamespacedSecretAsync(Keys.KeySecrets.ToSecret(backup, options), "kube-system");

        await ClusterFixture.SyncedAsync(cluster.Client, "apps", "old", "True");
        Assert.Equal(2, controller.KeyCount);
        var secret = await ClusterFixture.SecretAsync(cluster.Client, "apps", "old");
        Assert.Equal("from-backup", System.Text.Encoding.UTF8.GetString(secret!.Data["k"]));
    }
}
