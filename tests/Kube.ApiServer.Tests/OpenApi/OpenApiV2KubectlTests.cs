using System.Runtime.CompilerServices;
using k8s;
using k8s.Models;
using Kube.ApiServer.Tests.Conformance;
using Sigil.Testing;

namespace Kube.ApiServer.Tests.OpenApi;

/// <summary>
/// kubectl validates a <c>v1 List</c> on the client with <c>/openapi/v2</c> whatever the server's
/// v3 says (its field-validation check answers "unsupported" for List). This is the Sealed Secrets
/// key backup/restore path: <c>kubectl get secret … -o yaml &gt; main.key</c>, later
/// <c>kubectl apply -f main.key</c>.
/// </summary>
public sealed class OpenApiV2KubectlTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private readonly EmbeddedCluster _cluster = fixture.Cluster;

    private static string CrdPath([CallerFilePath] string here = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "../../../deploy/crds/bitnami.com_sealedsecrets.yaml"));

    private async Task<string> NewNamespaceAsync()
    {
        var ns = $"v2-{Guid.NewGuid().ToString("N")[..8]}";
        await _cluster.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        return ns;
    }

    private static string SecretList(string ns, string value, string extra = "") => $"""
        apiVersion: v1
        kind: List
        metadata:
          resourceVersion: ""
        items:
        - apiVersion: v1
          kind: Secret
          metadata:
            name: one
            namespace: {ns}
            labels: {"{"}sealedsecrets.bitnami.com/sealed-secrets-key: active{"}"}
          type: Opaque
          data:
            tls.key: {Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(value))}
        {extra}
        - apiVersion: v1
          kind: Secret
          metadata:
            name: two
            namespace: {ns}
          stringData:
            k: {value}
        """;

    [KubectlFact]
    public async Task A_v1_List_of_Secrets_is_applied_with_default_validation_then_updated()
    {
        var ns = await NewNamespaceAsync();
        var created = (await _cluster.KubectlAsync(["apply", "-f", "-"], SecretList(ns, "first"))).EnsureSuccess().StdOut;
        Assert.Contains("secret/one created", created, StringComparison.Ordinal);
        Assert.Contains("secret/two created", created, StringComparison.Ordinal);

        var updated = (await _cluster.KubectlAsync(["apply", "-f", "-"], SecretList(ns, "second"))).EnsureSuccess().StdOut;
        Assert.Contains("secret/one configured", updated, StringComparison.Ordinal);
        var one = await _cluster.Client.CoreV1.ReadNamespacedSecretAsync("one", ns);
        Assert.Equal("second", System.Text.Encoding.UTF8.GetString(one.Data["tls.key"]));

        // The backup/restore round trip exactly as upstream documents it.
        var backup = (await _cluster.KubectlAsync("get", "secret", "-n", ns, "-l", "sealedsecrets.bitnami.com/sealed-secrets-key", "-o", "yaml")).EnsureSuccess().StdOut;
        Assert.Contains("kind: List", backup, StringComparison.Ordinal);
        await _cluster.Client.CoreV1.DeleteNamespacedSecretAsync("one", ns);
        (await _cluster.KubectlAsync(["apply", "-f", "-"], backup)).EnsureSuccess();
        one = await _cluster.Client.CoreV1.ReadNamespacedSecretAsync("one", ns);
        Assert.Equal("second", System.Text.Encoding.UTF8.GetString(one.Data["tls.key"]));
    }

    [KubectlFact]
    public async Task A_List_with_an_unknown_field_fails_kubectl_validation_unless_validation_is_off()
    {
        var ns = await NewNamespaceAsync();
        var bad = SecretList(ns, "x", extra: "  bogus: 1");
        var refused = await _cluster.KubectlAsync(["apply", "-f", "-"], bad);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("unknown field \"bogus\" in io.k8s.api.core.v1.Secret", refused.StdErr, StringComparison.Ordinal);
        Assert.Contains("--validate=false", refused.StdErr, StringComparison.Ordinal);
        Assert.Empty((await _cluster.Client.CoreV1.ListNamespacedSecretAsync(ns)).Items);

        // As upstream: without client-side validation the server ignores the unknown field.
        (await _cluster.KubectlAsync(["apply", "--validate=false", "-f", "-"], bad)).EnsureSuccess();
        Assert.Equal(2, (await _cluster.Client.CoreV1.ListNamespacedSecretAsync(ns)).Items.Count);

        var wrongType = SecretList(ns, "x").Replace("  type: Opaque", "  immutable: [1]", StringComparison.Ordinal);
        var typeError = await _cluster.KubectlAsync(["apply", "-f", "-"], wrongType);
        Assert.NotEqual(0, typeError.ExitCode);
        Assert.Contains("ValidationError(Secret.immutable)", typeError.StdErr, StringComparison.Ordinal);
    }

    [KubectlFact]
    public async Task SealedSecrets_are_still_validated_alone_by_the_server_and_in_a_List_by_kubectl()
    {
        if ((await _cluster.Client.ApiextensionsV1.ListCustomResourceDefinitionAsync()).Items.All(c => c.Metadata.Name != "sealedsecrets.bitnami.com"))
        {
            await _cluster.InstallCrdsAsync(CrdPath());
        }

        var ns = await NewNamespaceAsync();
        var sealedSecret = $"""
            apiVersion: bitnami.com/v1alpha1
            kind: SealedSecret
            metadata: {"{"}name: s, namespace: {ns}{"}"}
            spec:
              encryptedData: {"{"}k: AgBy3i4OJSWK{"}"}
              template:
                type: Opaque
            """;
        (await _cluster.KubectlAsync(["apply", "-f", "-"], sealedSecret)).EnsureSuccess();

        var alone = await _cluster.KubectlAsync(["apply", "-f", "-"], sealedSecret + "\n  bogus: 1\n");
        Assert.NotEqual(0, alone.ExitCode);
        Assert.Contains("unknown field \"spec.bogus\"", alone.StdErr, StringComparison.Ordinal);

        var list = "apiVersion: v1\nkind: List\nitems:\n- " + string.Join("\n  ", (sealedSecret + "\n  bogus: 1").Split('\n'));
        var inList = await _cluster.KubectlAsync(["apply", "-f", "-"], list);
        Assert.NotEqual(0, inList.ExitCode);
        Assert.Contains("unknown field \"bogus\" in com.bitnami.v1alpha1.SealedSecret.spec", inList.StdErr, StringComparison.Ordinal);

        var good = "apiVersion: v1\nkind: List\nitems:\n- " + string.Join("\n  ", sealedSecret.Replace("name: s,", "name: t,", StringComparison.Ordinal).Split('\n'));
        Assert.Contains("sealedsecret.bitnami.com/t created", (await _cluster.KubectlAsync(["apply", "-f", "-"], good)).EnsureSuccess().StdOut, StringComparison.Ordinal);
    }
}
