using System.Text.Json;
using System.Text.Json.Nodes;
using SealedSecrets.Api;
using SealedSecrets.Api.Serialization;

namespace SealedSecrets.Controller.Tests;

/// <summary>Our status, serialized as the API server stores it, maps to the health Argo CD's script gives upstream's.</summary>
public sealed class ArgoCdHealthContractTests
{
    private static JsonObject Json(SealedSecret ss) =>
        (JsonObject)JsonNode.Parse(JsonSerializer.Serialize(ss, SealedSecretsJsonContext.Default.SealedSecret))!;

    [Fact]
    public void The_contract_itself_matches_Argo_CDs_three_SealedSecret_fixtures()
    {
        Assert.Equal(("Progressing", "Waiting for Sealed Secret to be decrypted"), ArgoCdHealth.Evaluate(JsonNode.Parse("""{"metadata":{"name":"x"}}""")!.AsObject()));
        Assert.Equal(("Degraded", "no key could decrypt secret (.dockerconfigjson)"), ArgoCdHealth.Evaluate(JsonNode.Parse("""{"status":{"conditions":[{"type":"Synced","status":"False","message":"no key could decrypt secret (.dockerconfigjson)"}]}}""")!.AsObject()));
        Assert.Equal(("Healthy", ""), ArgoCdHealth.Evaluate(JsonNode.Parse("""{"status":{"conditions":[{"type":"Synced","status":"True","message":""}]}}""")!.AsObject()));
        Assert.Equal(("Progressing", "Waiting for Sealed Secret to be decrypted"), ArgoCdHealth.Evaluate(JsonNode.Parse("""{"status":{"conditions":[{"type":"Synced","status":"Unknown"}]}}""")!.AsObject()));
        Assert.Equal(("Degraded", "bad"), ArgoCdHealth.Evaluate(JsonNode.Parse("""{"status":{"conditions":[{"type":"RotationNeeded","status":"True"},{"type":"Synced","status":"False","message":"bad"}]}}""")!.AsObject()));
    }

    [Fact]
    public async Task A_fresh_object_is_Progressing_a_synced_one_Healthy_and_a_failed_one_Degraded_with_our_message()
    {
        var h = new ReconcilerHarness(0);
        var fresh = TestKeys.Seal(0, "ns", "ok", new Dictionary<string, string> { ["k"] = "v" });
        Assert.Equal("Progressing", ArgoCdHealth.Evaluate(Json(fresh)).Status);

        h.Apply(fresh);
        await h.ReconcileAsync("ns", "ok");
        Assert.Equal(("Healthy", ""), ArgoCdHealth.Evaluate(Json(fresh)));

        var broken = TestKeys.Seal(4, "ns", "broken", new Dictionary<string, string> { ["k"] = "v" });
        h.Apply(broken);
        await h.ReconcileAsync("ns", "broken");
        var (status, message) = ArgoCdHealth.Evaluate(Json(broken));
        Assert.Equal("Degraded", status);
        Assert.StartsWith("no key could decrypt secret (k)", message, StringComparison.Ordinal);

        fresh.Metadata.DeletionTimestamp = new DateTime(2026, 11, 28, 0, 0, 0, DateTimeKind.Utc);
        Assert.Equal(("Progressing", "Pending deletion"), ArgoCdHealth.Evaluate(Json(fresh)));
    }

    [Fact]
    public async Task An_unowned_Secret_shows_as_Degraded_and_a_later_success_as_Healthy_again()
    {
        var h = new ReconcilerHarness(0);
        h.Target.Secrets["ns/taken"] = new k8s.Models.V1Secret { Metadata = new k8s.Models.V1ObjectMeta { Name = "taken", NamespaceProperty = "ns" } };
        var ss = TestKeys.Seal(0, "ns", "taken", new Dictionary<string, string> { ["k"] = "v" });
        h.Apply(ss);
        await h.ReconcileAsync("ns", "taken");
        Assert.Equal("Degraded", ArgoCdHealth.Evaluate(Json(ss)).Status);

        h.Target.Secrets["ns/taken"].Metadata.Annotations = new Dictionary<string, string> { [SealedSecretAnnotations.Managed] = "true" };
        await h.ReconcileAsync("ns", "taken");
        Assert.Equal(("Healthy", ""), ArgoCdHealth.Evaluate(Json(ss)));
    }
}
