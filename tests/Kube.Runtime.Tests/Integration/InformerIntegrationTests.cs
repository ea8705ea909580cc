using k8s;
using k8s.Models;
using Kube.Runtime.Informers;
using Microsoft.Extensions.Logging.Abstractions;
using Sigil.Testing;

namespace Kube.Runtime.Tests.Integration;

public sealed class InformerIntegrationTests : IAsyncLifetime
{
    // The server keeps at least 16 events for resume; more changes than that provoke 410 Expired.
    private const int History = 16;
    private EmbeddedCluster _cluster = null!;
    private readonly CancellationTokenSource _stop = new();
    private Task? _run;

    public async Task InitializeAsync() => _cluster = await EmbeddedCluster.StartAsync(new EmbeddedClusterOptions { WatchHistory = History });

    private Task<V1Secret> CreateSecretAsync(string name, string ns = "default", Dictionary<string, string>? labels = null)
        => _cluster.Client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret { Metadata = new V1ObjectMeta { Name = name, Labels = labels }, StringData = new Dictionary<string, string> { ["k"] = "value-" + name } }, ns);

    private Informer<V1Secret> Run(IListWatchClient<V1Secret> client, Action<InformerOptions<V1Secret>>? configure = null)
    {
        var options = new InformerOptions<V1Secret>();
        configure?.Invoke(options);
        var informer = new Informer<V1Secret>(client, options, TimeProvider.System, NullLogger.Instance);
        _run = Task.Run(() => informer.RunAsync(_stop.Token));
        return informer;
    }

    [Fact]
    public async Task The_informer_lists_existing_secrets_then_follows_creates_updates_and_deletes()
    {
        await CreateSecretAsync("a");
        await CreateSecretAsync("b");
        var informer = Run(new KubernetesListWatchClient<V1Secret>(_cluster.Client, ResourceType.For<V1Secret>()));
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Eventually.DefaultTimeout);
        Assert.Equal(2, informer.List("default").Count);

        await CreateSecretAsync("c");
        var b = await _cluster.Client.CoreV1.ReadNamespacedSecretAsync("b", "default");
        b.Metadata.Labels = new Dictionary<string, string> { ["changed"] = "yes" };
        await _cluster.Client.CoreV1.ReplaceNamespacedSecretAsync(b, "b", "default");
        await _cluster.Client.CoreV1.DeleteNamespacedSecretAsync("a", "default");

        await Eventually.UntilAsync(
            () => informer.Find("default", "a") is null && informer.Find("default", "c") is not null
                && informer.Find("default", "b")?.Metadata.Labels?.ContainsKey("changed") == true,
            "cache reflects create, update and delete");
        Assert.Equal(1, informer.ListCount);
    }

    [Fact]
    public async Task A_label_selector_and_transform_keep_unrelated_and_secret_data_out_of_the_cache()
    {
        await CreateSecretAsync("mine", labels: new() { ["owner"] = "sigil" });
        await CreateSecretAsync("unrelated");
        var informer = Run(
            new KubernetesListWatchClient<V1Secret>(_cluster.Client, ResourceType.For<V1Secret>()),
            o =>
            {
                o.LabelSelector = "owner=sigil";
                o.Transform = ObjectTransforms.SecretMetadataOnly;
            });
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Eventually.DefaultTimeout);

        var cached = Assert.Single(informer.List());
        Assert.Equal("mine", cached.Metadata.Name);
        Assert.Null(cached.Data);
    }

    [Fact]
    public async Task A_metadata_only_informer_pages_and_watches_metadata_and_never_receives_secret_data()
    {
        for (var i = 0; i < 5; i++)
        {
            await CreateSecretAsync($"m{i}", labels: new() { ["n"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        var client = new RecordingListWatch<V1Secret>(new KubernetesListWatchClient<V1Secret>(_cluster.Client, ResourceType.For<V1Secret>(), metadataOnly: true));
        var informer = Run(client, o => o.PageSize = 2);
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Eventually.DefaultTimeout);
        Assert.Equal(5, informer.List("default").Count);
        Assert.Equal(3, client.Pages); // 2 + 2 + 1
        Assert.All(informer.List(), s =>
        {
            Assert.Null(s.Data);
            Assert.Equal("PartialObjectMetadata", s.Kind);
            Assert.NotNull(s.Metadata.Uid);
            Assert.NotNull(s.Metadata.Labels);
        });

        await CreateSecretAsync("later");
        await Eventually.UntilAsync(() => informer.Find("default", "later") is not null, "the watch delivers the new Secret");
        Assert.Null(informer.Find("default", "later")!.Data);
        Assert.Equal("PartialObjectMetadata", informer.Find("default", "later")!.Kind);
        await _cluster.Client.CoreV1.DeleteNamespacedSecretAsync("m0", "default");
        await Eventually.UntilAsync(() => informer.Find("default", "m0") is null, "the watch delivers the deletion");
    }

    [Fact]
    public async Task After_missing_more_changes_than_the_server_keeps_the_informer_relists_on_410_and_converges()
    {
        await CreateSecretAsync("keep");
        await CreateSecretAsync("gone");
        var client = new PausableListWatch<V1Secret>(new KubernetesListWatchClient<V1Secret>(_cluster.Client, ResourceType.For<V1Secret>()));
        var informer = Run(client);
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Eventually.DefaultTimeout);
        await Eventually.UntilAsync(() => client.WatchedFrom.Count == 1, "first watch open");

        client.Pause();
        await _cluster.Client.CoreV1.DeleteNamespacedSecretAsync("gone", "default");
        for (var i = 0; i < History + 4; i++)
        {
            await CreateSecretAsync("new-" + i);
        }

        client.Resume();
        await Eventually.UntilAsync(
            () => informer.ListCount == 2 && informer.Find("default", "gone") is null && informer.List().Count == History + 5,
            "relisted after 410 and holds exactly the current secrets");
    }

    [Fact]
    public async Task The_watch_client_reports_410_for_a_resourceVersion_older_than_the_server_keeps()
    {
        var first = await CreateSecretAsync("s0");
        for (var i = 1; i <= History + 4; i++)
        {
            await CreateSecretAsync("s" + i);
        }

        var client = new KubernetesListWatchClient<V1Secret>(_cluster.Client, ResourceType.For<V1Secret>());
        var request = new WatchRequest("default", null, null, first.Metadata.ResourceVersion, 5);
        using var timeout = new CancellationTokenSource(Eventually.DefaultTimeout);
        WatchEvent<V1Secret>? error = null;
        try
        {
            await foreach (var e in client.WatchAsync(request, timeout.Token))
            {
                if (e.Type == WatchEventType.Error)
                {
                    error = e;
                    break;
                }
            }
        }
        catch (ResourceVersionExpiredException)
        {
            error = new WatchEvent<V1Secret>(WatchEventType.Error, null, null, new V1Status { Code = 410 });
        }

        Assert.Equal(410, error?.Status?.Code);
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            await _run.WaitAsync(Eventually.DefaultTimeout);
        }

        _stop.Dispose();
        await _cluster.DisposeAsync();
    }
}
