using System.Text;
using k8s.Models;
using SealedSecrets.Api;
using SealedSecrets.Controller.Unseal;
using SealedSecrets.Crypto;

namespace SealedSecrets.Controller.Tests;

public sealed class UnsealReconcilerTests
{
    private static readonly Dictionary<string, string> Values = new()
    {
        ["PAYMENT_API_KEY"] = "sk_live_canary_1",
        ["STRIPE_WEBHOOK_SECRET"] = "whsec_canary_2",
    };

    [Fact]
    public async Task A_new_SealedSecret_becomes_an_owned_Secret_with_its_values_and_Synced_True()
    {
        var h = new ReconcilerHarness(0);
        var ss = TestKeys.Seal(0, "production", "checkout-secrets", Values);
        h.Apply(ss);

        await h.ReconcileAsync("production", "checkout-secrets");

        var secret = h.Secret("production", "checkout-secrets")!;
        Assert.Equal("sk_live_canary_1", Encoding.UTF8.GetString(secret.Data["PAYMENT_API_KEY"]));
        Assert.Equal("whsec_canary_2", Encoding.UTF8.GetString(secret.Data["STRIPE_WEBHOOK_SECRET"]));
        Assert.Equal("Opaque", secret.Type);
        Assert.Equal("checkout", secret.Metadata.Labels["app"]);
        var owner = Assert.Single(secret.Metadata.OwnerReferences);
        Assert.Equal(("bitnami.com/v1alpha1", "SealedSecret", "checkout-secrets", "uid-1", true), (owner.ApiVersion, owner.Kind, owner.Name, owner.Uid, owner.Controller));
        var condition = Assert.Single(ss.Status!.Conditions!);
        Assert.Equal(("Synced", "True", ""), (condition.Type, condition.Status, condition.Message));
        Assert.Equal(1, ss.Status.ObservedGeneration);
        Assert.Contains(h.Events.Events, e => e is { Type: "Normal", Reason: "Unsealed", Message: "SealedSecret unsealed successfully" });
    }

    [Fact]
    public async Task Template_data_is_rendered_with_go_templates_and_sprig_over_the_decrypted_values()
    {
        var h = new ReconcilerHarness(0);
        var ss = TestKeys.Seal(0, "production", "checkout-secrets", Values);
        ss.Spec.Template.Data = new Dictionary<string, string?>
        {
            ["header"] = "Bearer {{ .PAYMENT_API_KEY | upper }}",
            ["config.json"] = "{\"webhook\": {{ .STRIPE_WEBHOOK_SECRET | quote }}, \"region\": \"{{ .region }}\"}",
            ["region"] = "eu-west-1",
        };
        h.Apply(ss);

        await h.ReconcileAsync("production", "checkout-secrets");

        var secret = h.Secret("production", "checkout-secrets")!;
        Assert.Equal("Bearer SK_LIVE_CANARY_1", Encoding.UTF8.GetString(secret.Data["header"]));
        Assert.Equal("{\"webhook\": \"whsec_canary_2\", \"region\": \"eu-west-1\"}", Encoding.UTF8.GetString(secret.Data["config.json"]));
        Assert.Equal("sk_live_canary_1", Encoding.UTF8.GetString(secret.Data["PAYMENT_API_KEY"]));
    }

    [Fact]
    public async Task A_failing_template_keeps_the_Secret_and_its_status_names_the_key_but_no_value()
    {
        var h = new ReconcilerHarness(0);
        h.Apply(TestKeys.Seal(0, "production", "checkout-secrets", Values));
        await h.ReconcileAsync("production", "checkout-secrets");

        var broken = TestKeys.Seal(0, "production", "checkout-secrets", Values, generation: 2);
        broken.Spec.Template.Data = new Dictionary<string, string?> { ["bad"] = "{{ .PAYMENT_API_KEY | atoi | fail }}" };
        h.Apply(broken);
        await h.ReconcileAsync("production", "checkout-secrets");

        var secret = h.Secret("production", "checkout-secrets")!;
        Assert.Equal("sk_live_canary_1", Encoding.UTF8.GetString(secret.Data["PAYMENT_API_KEY"]));
        Assert.False(secret.Data.ContainsKey("bad"));
        var condition = Assert.Single(broken.Status!.Conditions!);
        Assert.Equal("False", condition.Status);
        Assert.Contains("template.data[bad]", condition.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("canary", condition.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_second_pass_over_an_object_in_sync_does_no_RSA_operation_and_no_write()
    {
        var h = new ReconcilerHarness(0);
        h.Apply(TestKeys.Seal(0, "production", "checkout-secrets", Values));
        await h.ReconcileAsync("production", "checkout-secrets");
        var rsa = h.RsaOperations;
        var writes = h.Target.SecretWrites + h.Target.StatusWrites.Count;

        await h.ReconcileAsync("production", "checkout-secrets");

        Assert.Equal(rsa, h.RsaOperations);
        Assert.Equal(writes, h.Target.SecretWrites + h.Target.StatusWrites.Count);
    }

    [Fact]
    public async Task A_changed_spec_is_unsealed_again_and_the_Secret_updated()
    {
        var h = new ReconcilerHarness(0);
        h.Apply(TestKeys.Seal(0, "production", "checkout-secrets", Values));
        await h.ReconcileAsync("production", "checkout-secrets");

        h.Apply(TestKeys.Seal(0, "production", "checkout-secrets", new Dictionary<string, string> { ["PAYMENT_API_KEY"] = "rotated" }, generation: 2));
        await h.ReconcileAsync("production", "checkout-secrets");

        var secret = h.Secret("production", "checkout-secrets")!;
        Assert.Equal("rotated", Encoding.UTF8.GetString(secret.Data["PAYMENT_API_KEY"]));
        Assert.False(secret.Data.ContainsKey("STRIPE_WEBHOOK_SECRET"));
    }

    [Fact]
    public async Task An_existing_Secret_it_does_not_own_is_left_untouched_and_the_status_says_so()
    {
        var h = new ReconcilerHarness(0);
        var unowned = new V1Secret { Metadata = new V1ObjectMeta { Name = "db", NamespaceProperty = "team-a", ResourceVersion = "7" }, Data = new Dictionary<string, byte[]> { ["password"] = "original"u8.ToArray() } };
        h.Target.Secrets["team-a/db"] = unowned;
        var ss = TestKeys.Seal(0, "team-a", "db", new Dictionary<string, string> { ["password"] = "attacker" });
        h.Apply(ss);

        await h.ReconcileAsync("team-a", "db");

        Assert.Same(unowned, h.Secret("team-a", "db"));
        Assert.Equal("original", Encoding.UTF8.GetString(unowned.Data["password"]));
        Assert.Equal(0, h.Target.SecretWrites);
        var condition = Assert.Single(ss.Status!.Conditions!);
        Assert.Equal(("False", "Resource \"db\" already exists and is not managed by SealedSecret"), (condition.Status, condition.Message));
        Assert.Contains(h.Events.Events, e => e is { Type: "Warning", Reason: "ErrUpdateFailed" });
        Assert.Equal(0, h.RsaOperations);
    }

    [Fact]
    public async Task A_Secret_annotated_managed_is_taken_over_and_replaced()
    {
        var h = new ReconcilerHarness(0);
        h.Target.Secrets["team-a/db"] = new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "db", NamespaceProperty = "team-a", Annotations = new Dictionary<string, string> { [SealedSecretAnnotations.Managed] = "true" } },
            Data = new Dictionary<string, byte[]> { ["old"] = "x"u8.ToArray() },
        };
        h.Apply(TestKeys.Seal(0, "team-a", "db", new Dictionary<string, string> { ["password"] = "new" }));

        await h.ReconcileAsync("team-a", "db");

        var secret = h.Secret("team-a", "db")!;
        Assert.Equal(["password"], secret.Data.Keys);
        Assert.Equal("uid-1", Assert.Single(secret.Metadata.OwnerReferences).Uid);
    }

    [Fact]
    public async Task A_Secret_annotated_patch_keeps_its_other_keys_and_owners()
    {
        var h = new ReconcilerHarness(0);
        h.Target.Secrets["team-a/db"] = new V1Secret
        {
            Metadata = new V1ObjectMeta { Name = "db", NamespaceProperty = "team-a", Annotations = new Dictionary<string, string> { [SealedSecretAnnotations.Patch] = "true" } },
            Data = new Dictionary<string, byte[]> { ["extra"] = "kept"u8.ToArray() },
        };
        h.Apply(TestKeys.Seal(0, "team-a", "db", new Dictionary<string, string> { ["password"] = "new" }));

        await h.ReconcileAsync("team-a", "db");

        var secret = h.Secret("team-a", "db")!;
        Assert.Equal("kept", Encoding.UTF8.GetString(secret.Data["extra"]));
        Assert.Equal("new", Encoding.UTF8.GetString(secret.Data["password"]));
        Assert.Null(secret.Metadata.OwnerReferences);
        Assert.Equal("true", secret.Metadata.Annotations[SealedSecretAnnotations.Patch]);
    }

    [Fact]
    public async Task A_strict_SealedSecret_copied_into_another_namespace_fails_clearly_and_creates_nothing()
    {
        var h = new ReconcilerHarness(0);
        var original = TestKeys.Seal(0, "production", "checkout-secrets", Values);
        original.Metadata.NamespaceProperty = "attacker";
        h.Apply(original);

        await h.ReconcileAsync("attacker", "checkout-secrets");

        Assert.Empty(h.Target.Secrets);
        var condition = Assert.Single(original.Status!.Conditions!);
        Assert.Equal("False", condition.Status);
        Assert.StartsWith("no key could decrypt secret (PAYMENT_API_KEY, STRIPE_WEBHOOK_SECRET)", condition.Message, StringComparison.Ordinal);
        Assert.Contains(TestKeys.Key(0).Fingerprint, condition.Message, StringComparison.Ordinal);
        Assert.Contains(h.Events.Events, e => e is { Type: "Warning", Reason: "ErrUnsealFailed" } && e.Message.StartsWith("Failed to unseal: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_decrypt_keeps_the_existing_Secret_and_never_shows_a_value()
    {
        var h = new ReconcilerHarness(0);
        var ss = TestKeys.Seal(0, "production", "checkout-secrets", Values);
        h.Apply(ss);
        await h.ReconcileAsync("production", "checkout-secrets");

        // The same object now carries values sealed for a key the controller does not hold.
        var foreign = TestKeys.Seal(5, "production", "checkout-secrets", new Dictionary<string, string> { ["PAYMENT_API_KEY"] = "sk_live_canary_3" }, generation: 2);
        ss.Spec = foreign.Spec;
        ss.Metadata.Generation = 2;
        await h.ReconcileAsync("production", "checkout-secrets");

        Assert.Equal("sk_live_canary_1", Encoding.UTF8.GetString(h.Secret("production", "checkout-secrets")!.Data["PAYMENT_API_KEY"]));
        var condition = Assert.Single(ss.Status!.Conditions!);
        Assert.Equal("False", condition.Status);
        Assert.Contains("keys tried: " + TestKeys.Key(0).Fingerprint, condition.Message, StringComparison.Ordinal);
        foreach (var text in h.Events.Events.Select(e => e.Message).Append(condition.Message))
        {
            Assert.DoesNotContain("canary", text, StringComparison.Ordinal);
        }
        Assert.Contains(new Kube.Runtime.Controllers.ReconcileRequest("production", "checkout-secrets"), h.Failures.Snapshot());
    }

    [Fact]
    public async Task With_thirteen_keys_the_key_that_last_worked_is_tried_first()
    {
        var h = new ReconcilerHarness([.. Enumerable.Range(0, 13)]);
        // Sealed with the oldest key: newest-first order would try all 13 for every value.
        var values = Enumerable.Range(0, 3).ToDictionary(i => $"k{i}", i => $"v{i}");
        var ss = TestKeys.Seal(0, "ns", "many", values);
        h.Apply(ss);

        await h.ReconcileAsync("ns", "many");
        // First value: 13 attempts; the next two go straight to the key that worked.
        Assert.Equal(13 + 1 + 1, h.RsaOperations);

        var again = TestKeys.Seal(0, "ns", "many", values, generation: 2);
        ss.Spec = again.Spec;
        ss.Metadata.Generation = 2;
        await h.ReconcileAsync("ns", "many");
        Assert.Equal(15 + 3, h.RsaOperations);
    }

    [Fact]
    public async Task The_scope_comes_from_the_objects_own_annotations_not_the_template()
    {
        var h = new ReconcilerHarness(0);
        var ss = TestKeys.Seal(0, "production", "checkout-secrets", Values);
        // Claiming cluster-wide in the template changes nothing: the label stays ns/name.
        ss.Spec.Template.Metadata!.Annotations = new Dictionary<string, string> { [SealedSecretAnnotations.ClusterWide] = "true" };
        h.Apply(ss);

        await h.ReconcileAsync("production", "checkout-secrets");

        Assert.Equal("True", ss.Status!.Conditions![0].Status);
        Assert.Equal(SealingScope.Strict, ss.GetScope());
    }

    [Fact]
    public async Task A_deleted_SealedSecret_removes_its_condition_metric_and_with_old_gc_its_Secret()
    {
        var h = new ReconcilerHarness(0);
        h.Options.OldGcBehavior = true;
        h.Apply(TestKeys.Seal(0, "ns", "gone", Values));
        await h.ReconcileAsync("ns", "gone");
        Assert.NotNull(h.Secret("ns", "gone"));

        h.SealedSecrets.Remove("ns", "gone");
        await h.ReconcileAsync("ns", "gone");

        Assert.Null(h.Secret("ns", "gone"));
        Assert.DoesNotContain(h.Metrics.ConditionInfo.GetAllLabelValues(), l => l[1] == "gone");
    }

    [Fact]
    public async Task Without_update_status_no_status_is_written()
    {
        var h = new ReconcilerHarness(0);
        h.Options.UpdateStatus = false;
        h.Apply(TestKeys.Seal(0, "ns", "quiet", Values));

        await h.ReconcileAsync("ns", "quiet");

        Assert.Empty(h.Target.StatusWrites);
        Assert.NotNull(h.Secret("ns", "quiet"));
    }

    [Fact]
    public async Task After_its_key_is_lost_an_object_in_sync_reports_the_failure_and_keeps_its_Secret()
    {
        var before = new ReconcilerHarness(0);
        var ss = TestKeys.Seal(0, "production", "checkout-secrets", Values);
        before.Apply(ss);
        await before.ReconcileAsync("production", "checkout-secrets");

        // A restart with only a new key: same objects, same Secret, different registry.
        var after = new ReconcilerHarness(1);
        after.Apply(ss);
        foreach (var (key, secret) in before.Target.Secrets)
        {
            after.Target.Secrets[key] = secret;
        }
        after.SyncCache();
        await after.ReconcileAsync("production", "checkout-secrets");

        Assert.Equal("sk_live_canary_1", Encoding.UTF8.GetString(after.Secret("production", "checkout-secrets")!.Data["PAYMENT_API_KEY"]));
        Assert.Equal(0, after.Target.SecretWrites);
        var condition = Assert.Single(ss.Status!.Conditions!);
        Assert.Equal("False", condition.Status);
        Assert.Contains(TestKeys.Key(1).Fingerprint, condition.Message, StringComparison.Ordinal);
    }
}
