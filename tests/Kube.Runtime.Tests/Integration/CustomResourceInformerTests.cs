using k8s;
using k8s.Models;
using Kube.Runtime.Informers;
using Microsoft.Extensions.Logging.Abstractions;
using Sigil.Testing;

namespace Kube.Runtime.Tests.Integration;

public sealed class CustomResourceInformerTests : IAsyncLifetime
{
    private static readonly ResourceType Widgets = new("example.com", "v1", "widgets", "Widget");
    private EmbeddedCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await EmbeddedCluster.StartAsync();
        await _cluster.InstallCrdAsync(new V1CustomResourceDefinition
        {
            Metadata = new V1ObjectMeta { Name = "widgets.example.com" },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = "example.com",
                Scope = "Namespaced",
                Names = new V1CustomResourceDefinitionNames { Plural = "widgets", Singular = "widget", Kind = "Widget", ListKind = "WidgetList" },
                Versions =
                [
                    new V1CustomResourceDefinitionVersion
                    {
                        Name = "v1",
                        Served = true,
                        Storage = true,
                        Schema = new V1CustomResourceValidation
                        {
                            OpenAPIV3Schema = new V1JSONSchemaProps { Type = "object", XKubernetesPreserveUnknownFields = true },
                        },
                    },
                ],
            },
        });
    }

    [Fact]
    public async Task A_CRD_without_a_model_is_cached_as_raw_JSON_and_follows_changes()
    {
        await CreateWidgetAsync("w1", 1);
        var informer = new Informer<UnstructuredObject>(_cluster.Client, new InformerOptions<UnstructuredObject> { Resource = Widgets }, TimeProvider.System, NullLogger<Informer<UnstructuredObject>>.Instance);
        using var stop = new CancellationTokenSource();
        var run = informer.RunAsync(stop.Token);
        await informer.WaitForSyncAsync(CancellationToken.None).WaitAsync(Eventually.DefaultTimeout);
        Assert.Equal(1, Size(informer.Find("default", "w1")!));

        await CreateWidgetAsync("w2", 7);
        await Eventually.UntilAsync(() => informer.Find("default", "w2") is { } w && Size(w) == 7, "w2 cached with spec.size 7");
        Assert.Equal("Widget", informer.Find("default", "w2")!.Kind);

        await stop.CancelAsync();
        await run.WaitAsync(Eventually.DefaultTimeout);
    }

    private static int Size(UnstructuredObject widget) => widget.Fields!["spec"].GetProperty("size").GetInt32();

    private Task<object> CreateWidgetAsync(string name, int size)
        => _cluster.Client.CustomObjects.CreateNamespacedCustomObjectAsync(
            new Dictionary<string, object>
            {
                ["apiVersion"] = "example.com/v1",
                ["kind"] = "Widget",
                ["metadata"] = new Dictionary<string, object> { ["name"] = name },
                ["spec"] = new Dictionary<string, object> { ["size"] = size },
            },
            "example.com", "v1", "default", "widgets");

    public async Task DisposeAsync() => await _cluster.DisposeAsync();
}
