using k8s;
using k8s.Models;
using SealedSecrets.Controller.Crd;

namespace SealedSecrets.Controller.Tests;

public sealed class CrdManifestTests
{
    private static string Committed => Path.Combine(RepositoryRoot.Path, SealedSecretCrd.RelativePath);

    [Fact]
    public void The_committed_CRD_is_what_the_generator_produces_from_the_model()
    {
        var generated = SealedSecretCrd.ToYaml();
        if (Environment.GetEnvironmentVariable("SIGIL_UPDATE_GENERATED") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Committed)!);
            File.WriteAllText(Committed, generated);
        }
        Assert.True(File.Exists(Committed), $"{SealedSecretCrd.RelativePath} is missing; run the tests with SIGIL_UPDATE_GENERATED=1");
        Assert.True(generated == File.ReadAllText(Committed), $"{SealedSecretCrd.RelativePath} is stale; run the tests with SIGIL_UPDATE_GENERATED=1 and commit it");
    }

    [Fact]
    public void The_CRD_has_upstreams_printer_columns_status_subresource_and_required_fields()
    {
        var crd = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(File.ReadAllText(Committed));
        Assert.Equal("sealedsecrets.bitnami.com", crd.Metadata.Name);
        Assert.Equal("Namespaced", crd.Spec.Scope);
        var version = Assert.Single(crd.Spec.Versions);
        Assert.Equal("v1alpha1", version.Name);
        Assert.NotNull(version.Subresources.Status);
        Assert.Equal(
            [("Status", ".status.conditions[0].message"), ("Synced", ".status.conditions[0].status"), ("Age", ".metadata.creationTimestamp")],
            version.AdditionalPrinterColumns.Select(c => (c.Name, c.JsonPath)));
        var spec = version.Schema.OpenAPIV3Schema.Properties["spec"];
        Assert.Equal(["encryptedData"], spec.Required);
        Assert.Equal(["data", "encryptedData", "template"], spec.Properties.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["data", "immutable", "metadata", "type"], spec.Properties["template"].Properties.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("byte", spec.Properties["data"].Format);
    }

    [Fact]
    public void The_deployment_manifests_carry_upstreams_RBAC_ports_and_services()
    {
        var docs = KubernetesYaml.LoadAllFromString(File.ReadAllText(Path.Combine(RepositoryRoot.Path, "deploy", "controller.yaml")));
        var role = docs.OfType<V1ClusterRole>().Single(r => r.Metadata.Name == "secrets-unsealer");
        string Verbs(string resource) => string.Join(",", role.Rules.Where(r => r.Resources.Contains(resource)).SelectMany(r => r.Verbs).Order(StringComparer.Ordinal));
        Assert.Equal("get,list,watch", Verbs("sealedsecrets"));
        Assert.Equal("update", Verbs("sealedsecrets/status"));
        Assert.Equal("create,delete,get,list,update,watch", Verbs("secrets"));
        Assert.Equal("create,patch", Verbs("events"));
        Assert.Equal("get", Verbs("namespaces"));
        var keyAdmin = docs.OfType<V1Role>().Single(r => r.Metadata.Name == "sealed-secrets-key-admin");
        Assert.Equal("create,list", string.Join(",", keyAdmin.Rules.SelectMany(r => r.Verbs).Order(StringComparer.Ordinal)));
        var services = docs.OfType<V1Service>().ToDictionary(s => s.Metadata.Name);
        Assert.Equal(8080, services["sealed-secrets-controller"].Spec.Ports.Single().Port);
        Assert.Equal(8081, services["sealed-secrets-controller-metrics"].Spec.Ports.Single().Port);
        var deployment = docs.OfType<V1Deployment>().Single();
        Assert.Equal(1, deployment.Spec.Replicas);
        var container = deployment.Spec.Template.Spec.Containers.Single();
        Assert.Equal([("http", 8080), ("metrics", 8081)], container.Ports.Select(p => (p.Name, p.ContainerPort)));
        Assert.Equal(1001, container.SecurityContext.RunAsUser);
        Assert.True(container.SecurityContext.ReadOnlyRootFilesystem);
    }
}
