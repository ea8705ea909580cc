using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Kube.ApiServer.Http;
using Kube.ApiServer.Resources;

namespace Kube.ApiServer.Tests.OpenApi;

public class BuiltInDefinitionsTests
{
    private static string SourcePath([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "../../../src/Kube.ApiServer/Http/BuiltInDefinitions.json"));

    /// <summary>
    /// The embedded schemas are generated; this fails when they drift from the generator or the
    /// client models. Regenerate with <c>SIGIL_WRITE_OPENAPI=1 dotnet test --filter BuiltInDefinitions</c>.
    /// </summary>
    [Fact]
    public void The_embedded_built_in_definitions_are_what_the_generator_writes()
    {
        var generated = BuiltInDefinitionsGenerator.Generate();
        if (Environment.GetEnvironmentVariable("SIGIL_WRITE_OPENAPI") == "1")
        {
            File.WriteAllText(SourcePath(), generated);
        }

        Assert.Equal(generated, File.ReadAllText(SourcePath()));
    }

    [Fact]
    public void Every_served_built_in_kind_has_a_definition_tagged_with_its_group_version_kind()
    {
        var builtIns = BuiltinResources.Create();
        var definitions = OpenApiSchemas.V2Definitions(builtIns);
        foreach (var r in builtIns)
        {
            var definition = Assert.IsType<JsonObject>(definitions[OpenApiSchemas.DefinitionName(r)]);
            var gvk = Assert.Single(definition["x-kubernetes-group-version-kind"]!.AsArray())!;
            Assert.Equal((r.Group, r.Version, r.Kind), ((string)gvk["group"]!, (string)gvk["version"]!, (string)gvk["kind"]!));
            Assert.Equal($"#/definitions/{OpenApiSchemas.ObjectMeta}", (string?)definition["properties"]!["metadata"]!["$ref"]);
        }

        Assert.NotNull(definitions["io.k8s.api.core.v1.Secret"]!["properties"]!["stringData"]);
        Assert.Equal("#/definitions/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", (string?)definitions["io.k8s.api.apps.v1.Deployment"]!["properties"]!["metadata"]!["$ref"]);
        Assert.Equal("#/definitions/io.k8s.api.core.v1.PodSpec", (string?)definitions["io.k8s.api.core.v1.PodTemplateSpec"]!["properties"]!["spec"]!["$ref"]);
    }
}
