using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Sigil.Testing;

namespace Kube.ApiServer.Tests.Conformance;

/// <summary>CustomResourceDefinitions: discovery, OpenAPI, schema defaulting/pruning/validation, status subresource, generation, Table columns.</summary>
public sealed class CrdTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private readonly EmbeddedCluster _cluster = fixture.Cluster;

    private static V1CustomResourceDefinition Widgets(string group) => new()
    {
        Metadata = new V1ObjectMeta { Name = $"widgets.{group}" },
        Spec = new V1CustomResourceDefinitionSpec
        {
            Group = group,
            Scope = "Namespaced",
            Names = new V1CustomResourceDefinitionNames { Plural = "widgets", Singular = "widget", Kind = "Widget", ShortNames = ["wd"] },
            Versions =
            [
                new V1CustomResourceDefinitionVersion
                {
                    Name = "v1",
                    Served = true,
                    Storage = true,
                    Subresources = new V1CustomResourceSubresources { Status = new object() },
                    AdditionalPrinterColumns =
                    [
                        new V1CustomResourceColumnDefinition { Name = "Size", Type = "integer", JsonPath = ".spec.size" },
                        new V1CustomResourceColumnDefinition { Name = "Phase", Type = "string", JsonPath = ".status.phase" },
                    ],
                    Schema = new V1CustomResourceValidation
                    {
                        OpenAPIV3Schema = new V1JSONSchemaProps
                        {
                            Type = "object",
                            Properties = new Dictionary<string, V1JSONSchemaProps>
                            {
                                ["spec"] = new()
                                {
                                    Type = "object",
                                    Required = ["size"],
                                    Properties = new Dictionary<string, V1JSONSchemaProps>
                                    {
                                        ["size"] = new() { Type = "integer", Minimum = 1 },
                                        ["color"] = new() { Type = "string", DefaultProperty = "blue", EnumProperty = ["blue", "red"] },
                                    },
                                },
                                ["status"] = new()
                                {
                                    Type = "object",
                                    Properties = new Dictionary<string, V1JSONSchemaProps> { ["phase"] = new() { Type = "string" } },
                                },
                            },
                        },
                    },
                },
            ],
        },
    };

    private static string Group() => $"g{Guid.NewGuid().ToString("N")[..8]}.example.com";

    private static JsonObject Widget(string group, string name, JsonObject spec) => new()
    {
        ["apiVersion"] = $"{group}/v1",
        ["kind"] = "Widget",
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = spec,
    };

    private async Task<JsonObject> CreateAsync(string group, JsonObject obj) =>
        ToNode(await _cluster.Client.CustomObjects.CreateNamespacedCustomObjectAsync(obj, group, "v1", "default", "widgets"));

    private static JsonObject ToNode(object o) => JsonNode.Parse(JsonSerializer.Serialize(o))!.AsObject();

    [Fact]
    public async Task A_new_CRD_appears_in_legacy_and_aggregated_discovery_and_in_OpenAPI_with_a_new_hash()
    {
        var group = Group();
        using var http = Http();
        var rootBefore = await http.GetStringAsync(new Uri("/openapi/v3", UriKind.Relative));
        await _cluster.InstallCrdAsync(Widgets(group));

        var legacy = JsonNode.Parse(await http.GetStringAsync(new Uri($"/apis/{group}/v1", UriKind.Relative)))!;
        Assert.Contains(legacy["resources"]!.AsArray(), r => (string?)r!["name"] == "widgets");
        Assert.Contains(legacy["resources"]!.AsArray(), r => (string?)r!["name"] == "widgets/status");

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/apis", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Accept", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json");
        var aggregated = await http.SendAsync(request);
        Assert.Equal("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList", aggregated.Content.Headers.ContentType!.ToString().Replace(" ", string.Empty, StringComparison.Ordinal));
        var items = JsonNode.Parse(await aggregated.Content.ReadAsStringAsync())!["items"]!.AsArray();
        Assert.Contains(items, i => (string?)i!["metadata"]!["name"] == group);

        var rootAfter = JsonNode.Parse(await http.GetStringAsync(new Uri("/openapi/v3", UriKind.Relative)))!;
        var entry = rootAfter["paths"]![$"apis/{group}/v1"];
        Assert.NotNull(entry);
        Assert.NotEqual(rootBefore, rootAfter.ToJsonString());
        var doc = await http.GetStringAsync(new Uri((string)entry!["serverRelativeURL"]!, UriKind.Relative));
        Assert.Contains("fieldValidation", doc, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"Widget\"", doc, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Custom_resources_get_schema_defaults_and_unknown_fields_are_pruned()
    {
        var group = Group();
        await _cluster.InstallCrdAsync(Widgets(group));
        var created = await CreateAsync(group, Widget(group, "w", new JsonObject { ["size"] = 2, ["bogus"] = true }));
        Assert.Equal("blue", (string?)created["spec"]!["color"]);
        Assert.Null(created["spec"]!["bogus"]);
        Assert.Equal(1, (long)created["metadata"]!["generation"]!);
    }

    [Fact]
    public async Task Invalid_custom_resources_are_rejected_with_422_naming_the_field()
    {
        var group = Group();
        await _cluster.InstallCrdAsync(Widgets(group));
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => CreateAsync(group, Widget(group, "bad", new JsonObject { ["size"] = 0, ["color"] = "green" })));
        Assert.Equal((HttpStatusCode)422, e.Response.StatusCode);
        Assert.Contains("spec.size", e.Response.Content, StringComparison.Ordinal);
        Assert.Contains("spec.color", e.Response.Content, StringComparison.Ordinal);

        var missing = await Assert.ThrowsAsync<HttpOperationException>(() => CreateAsync(group, Widget(group, "bad2", new JsonObject())));
        Assert.Contains("spec.size: Required value", missing.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_subresource_isolates_status_and_generation_counts_only_spec_changes()
    {
        var group = Group();
        await _cluster.InstallCrdAsync(Widgets(group));
        var created = await CreateAsync(group, Widget(group, "s", new JsonObject { ["size"] = 1 }));
        created["status"] = new JsonObject { ["phase"] = "Ignored" };
        var viaMain = ToNode(await _cluster.Client.CustomObjects.ReplaceNamespacedCustomObjectAsync(created, group, "v1", "default", "widgets", "s"));
        Assert.Null(viaMain["status"]);

        viaMain["status"] = new JsonObject { ["phase"] = "Ready" };
        viaMain["spec"]!["size"] = 99;
        var viaStatus = ToNode(await _cluster.Client.CustomObjects.ReplaceNamespacedCustomObjectStatusAsync(viaMain, group, "v1", "default", "widgets", "s"));
        Assert.Equal("Ready", (string?)viaStatus["status"]!["phase"]);
        Assert.Equal(1, (int)viaStatus["spec"]!["size"]!);
        Assert.Equal(1, (long)viaStatus["metadata"]!["generation"]!);

        var patch = new V1Patch("""{"spec":{"size":5}}""", V1Patch.PatchType.MergePatch);
        var bumped = ToNode(await _cluster.Client.CustomObjects.PatchNamespacedCustomObjectAsync(patch, group, "v1", "default", "widgets", "s"));
        Assert.Equal(2, (long)bumped["metadata"]!["generation"]!);
        Assert.Equal("Ready", (string?)bumped["status"]!["phase"]);
    }

    [Fact]
    public async Task Updating_a_custom_resource_without_resourceVersion_is_422_and_strategic_merge_is_415()
    {
        var group = Group();
        await _cluster.InstallCrdAsync(Widgets(group));
        var created = await CreateAsync(group, Widget(group, "p", new JsonObject { ["size"] = 1 }));
        created["metadata"]!.AsObject().Remove("resourceVersion");
        var put = await Assert.ThrowsAsync<HttpOperationException>(() => _cluster.Client.CustomObjects.ReplaceNamespacedCustomObjectAsync(created, group, "v1", "default", "widgets", "p"));
        Assert.Equal((HttpStatusCode)422, put.Response.StatusCode);
        Assert.Contains("must be specified for an update", put.Response.Content, StringComparison.Ordinal);

        var smp = await Assert.ThrowsAsync<HttpOperationException>(() => _cluster.Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch("""{"spec":{"size":2}}""", V1Patch.PatchType.StrategicMergePatch), group, "v1", "default", "widgets", "p"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, smp.Response.StatusCode);
    }

    [Fact]
    public async Task Table_output_uses_the_CRD_printer_columns()
    {
        var group = Group();
        await _cluster.InstallCrdAsync(Widgets(group));
        await CreateAsync(group, Widget(group, "t", new JsonObject { ["size"] = 7 }));
        using var http = Http();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/apis/{group}/v1/namespaces/default/widgets", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");
        var table = JsonNode.Parse(await (await http.SendAsync(request)).Content.ReadAsStringAsync())!;
        Assert.Equal("Table", (string?)table["kind"]);
        Assert.Equal(["Name", "Size", "Phase"], table["columnDefinitions"]!.AsArray().Select(c => (string)c!["name"]!));
        var cells = table["rows"]![0]!["cells"]!.AsArray();
        Assert.Equal("t", (string?)cells[0]);
        Assert.Equal(7, (int)cells[1]!);

        if (EmbeddedCluster.KubectlAvailable)
        {
            var output = (await _cluster.KubectlAsync("get", $"widgets.{group}")).EnsureSuccess().StdOut;
            Assert.Matches(@"NAME\s+SIZE\s+PHASE", output);
            Assert.Matches(@"t\s+7", output);
        }
    }

    [Fact]
    public async Task Deleting_a_CRD_removes_its_objects_and_its_discovery_entry()
    {
        var group = Group();
        await _cluster.InstallCrdAsync(Widgets(group));
        await CreateAsync(group, Widget(group, "gone", new JsonObject { ["size"] = 1 }));
        await _cluster.Client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync($"widgets.{group}");
        using var http = Http();
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri($"/apis/{group}/v1", UriKind.Relative))).StatusCode);
    }

    private HttpClient Http()
    {
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        var http = new HttpClient(handler) { BaseAddress = _cluster.Server.BaseAddress };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _cluster.Server.Token);
        return http;
    }
}
