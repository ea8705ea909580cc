namespace EndToEnd.Tests;

/// <summary>The seed's Sealed Secrets commands, verbatim, with real kubectl, our kubeseal and sigil up.</summary>
public sealed class SeedScenarioTests
{
    private const string CreateAndSeal = """
        set -euo pipefail
        kubectl create namespace production
        # Create a regular Kubernetes Secret
        kubectl create secret generic checkout-secrets \
          --namespace=production \
          --from-literal=PAYMENT_API_KEY=sk_live_xxx \
          --from-literal=STRIPE_WEBHOOK_SECRET=whsec_xxx \
          --dry-run=client -o yaml > secret.yaml

        # Seal it (encrypt with the cluster's public key)
        kubeseal --format=yaml < secret.yaml > sealed-secret.yaml

        # The sealed secret is safe to commit to Git
        rm secret.yaml  # Delete the plaintext version
        """;

    // The seed's rotation script, as written there.
    private const string RotationScript = """
        # Rotation script for Sealed Secrets
        # Run when a secret value changes
        #!/bin/bash
        set -euo pipefail

        SECRET_NAME=$1
        NAMESPACE=$2
        KEY=$3
        NEW_VALUE=$4

        # Create new secret with updated value
        kubectl create secret generic "$SECRET_NAME" \
          --namespace="$NAMESPACE" \
          --from-literal="$KEY=$NEW_VALUE" \
          --dry-run=client -o yaml | \
          kubeseal --format=yaml --merge-into \
          "apps/checkout-service/overlays/$NAMESPACE/sealed-secrets.yaml"

        echo "Sealed secret updated. Commit and push to trigger ArgoCD sync."
        """;

    private const string Value = "kubectl get secret checkout-secrets -n production -o jsonpath='{.data.PAYMENT_API_KEY}' | base64 -d";

    [Fact]
    public async Task The_seed_seals_with_the_clusters_certificate_and_the_controller_produces_the_Secret_then_the_rotation_script_changes_it()
    {
        await using var up = await SigilUp.StartAsync();
        Assert.Contains("export KUBECONFIG=" + up.Kubeconfig, up.Output, StringComparison.Ordinal);

        await up.MustAsync(CreateAndSeal);
        var sealedYaml = await File.ReadAllTextAsync(Path.Combine(up.WorkDirectory, "sealed-secret.yaml"));
        Assert.Contains("kind: SealedSecret", sealedYaml, StringComparison.Ordinal);
        Assert.DoesNotContain("sk_live_xxx", sealedYaml, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(up.WorkDirectory, "secret.yaml")));

        await up.MustAsync("kubectl apply -f sealed-secret.yaml");
        await up.UntilAsync(Value, "sk_live_xxx", "Secret production/checkout-secrets has PAYMENT_API_KEY");
        Assert.Equal("whsec_xxx", (await up.MustAsync("kubectl get secret checkout-secrets -n production -o jsonpath='{.data.STRIPE_WEBHOOK_SECRET}' | base64 -d")).Trim());
        await up.UntilAsync("kubectl get sealedsecret checkout-secrets -n production -o jsonpath='{.status.conditions[0].type}={.status.conditions[0].status}'", "Synced=True", "Synced=True");
        var table = await up.MustAsync("kubectl get sealedsecret checkout-secrets -n production");
        Assert.Matches(@"(?m)^NAME\s+STATUS\s+SYNCED\s+AGE", table);
        Assert.Matches(@"checkout-secrets\s+True", table);
        await up.MustAsync("kubeseal --validate < sealed-secret.yaml");

        // The rotation script merges a new value into the file in Git; re-applying changes the Secret.
        await up.MustAsync("mkdir -p apps/checkout-service/overlays/production && cp sealed-secret.yaml apps/checkout-service/overlays/production/sealed-secrets.yaml");
        await File.WriteAllTextAsync(Path.Combine(up.WorkDirectory, "rotate.sh"), RotationScript);
        var said = await up.MustAsync("bash rotate.sh checkout-secrets production PAYMENT_API_KEY sk_live_rotated");
        Assert.Contains("Sealed secret updated.", said, StringComparison.Ordinal);
        await up.MustAsync("kubectl apply -f apps/checkout-service/overlays/production/sealed-secrets.yaml");
        await up.UntilAsync(Value, "sk_live_rotated", "the Secret carries the rotated value");
        Assert.Equal("whsec_xxx", (await up.MustAsync("kubectl get secret checkout-secrets -n production -o jsonpath='{.data.STRIPE_WEBHOOK_SECRET}' | base64 -d")).Trim());

        // --re-encrypt through the services proxy gives a file that still opens.
        await up.MustAsync("kubeseal --re-encrypt --format=yaml < sealed-secret.yaml > reencrypted.yaml && kubeseal --validate < reencrypted.yaml");
        Assert.Equal(0, await up.StopAsync());
    }

    [Fact]
    public async Task A_strict_SealedSecret_copied_to_another_namespace_fails_clearly_and_an_unowned_Secret_is_left_untouched()
    {
        await using var up = await SigilUp.StartAsync();
        await up.MustAsync(CreateAndSeal);
        await up.MustAsync("""
            set -euo pipefail
            kubectl create namespace staging
            sed 's/namespace: production/namespace: staging/' sealed-secret.yaml > copied.yaml
            kubectl apply -f copied.yaml
            kubectl create secret generic db --namespace=production --from-literal=password=original
            kubectl create secret generic db --namespace=production --from-literal=password=attacker --dry-run=client -o yaml | kubeseal --format=yaml > db-sealed.yaml
            kubectl apply -f db-sealed.yaml
            """);

        await up.UntilAsync("kubectl get sealedsecret checkout-secrets -n staging -o jsonpath='{.status.conditions[0].status}'", "False", "the copy reports Synced=False");
        var message = (await up.MustAsync("kubectl get sealedsecret checkout-secrets -n staging -o jsonpath='{.status.conditions[0].message}'")).Trim();
        Assert.StartsWith("no key could decrypt secret (PAYMENT_API_KEY, STRIPE_WEBHOOK_SECRET)", message, StringComparison.Ordinal);
        Assert.Contains("keys tried: SHA256:", message, StringComparison.Ordinal);
        var (code, _, stderr) = await up.ShAsync("kubectl get secret checkout-secrets -n staging");
        Assert.NotEqual(0, code);
        Assert.Contains("NotFound", stderr, StringComparison.Ordinal);
        var (validate, _, validateErr) = await up.ShAsync("kubeseal --validate < copied.yaml");
        Assert.Equal(1, validate);
        Assert.Contains("unable to decrypt sealed secret: checkout-secrets", validateErr, StringComparison.Ordinal);

        await up.UntilAsync("kubectl get sealedsecret db -n production -o jsonpath='{.status.conditions[0].message}'", "Resource \"db\" already exists and is not managed by SealedSecret", "the unowned Secret is refused");
        Assert.Equal("original", (await up.MustAsync("kubectl get secret db -n production -o jsonpath='{.data.password}' | base64 -d")).Trim());
        var events = await up.MustAsync("kubectl get events -n production -o jsonpath='{range .items[*]}{.reason}{\"\\n\"}{end}'");
        Assert.Contains("ErrUpdateFailed", events, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recovery_backup_delete_restart_recovery_unseal_and_restore()
    {
        await using var up = await SigilUp.StartAsync();
        await up.MustAsync(CreateAndSeal + "\nkubectl apply -f sealed-secret.yaml");
        await up.UntilAsync(Value, "sk_live_xxx", "the Secret exists");

        // Back up the keys as upstream documents, then lose them.
        await up.MustAsync("""
            set -euo pipefail
            kubectl get secret -n kube-system -l sealedsecrets.bitnami.com/sealed-secrets-key -o yaml > main.key
            kubectl delete secret -n kube-system -l sealedsecrets.bitnami.com/sealed-secrets-key
            """);
        var oldKey = (await up.MustAsync("grep -m1 '  name: sealed-secrets-key' main.key | awk '{print $2}'")).Trim();
        Assert.Equal(0, await up.StopAsync());
        await up.LaunchAsync();

        var keys = (await up.MustAsync("kubectl get secret -n kube-system -l sealedsecrets.bitnami.com/sealed-secrets-key -o name")).Trim();
        Assert.Single(keys.Split('\n'));
        Assert.DoesNotContain(oldKey, keys, StringComparison.Ordinal);
        await up.UntilAsync("kubectl get sealedsecret checkout-secrets -n production -o jsonpath='{.status.conditions[0].status}'", "False", "the old SealedSecret reports the failure");
        Assert.StartsWith("no key could decrypt secret", (await up.MustAsync("kubectl get sealedsecret checkout-secrets -n production -o jsonpath='{.status.conditions[0].message}'")).Trim(), StringComparison.Ordinal);
        Assert.Equal("sk_live_xxx", (await up.MustAsync(Value)).Trim());

        var recovered = await up.MustAsync("kubeseal --recovery-unseal --recovery-private-key main.key -o yaml < sealed-secret.yaml");
        Assert.Contains("c2tfbGl2ZV94eHg=", recovered, StringComparison.Ordinal); // base64("sk_live_xxx")

        // Upstream's restore command, unchanged: kubectl validates the v1 List client-side through
        // the server's /openapi/v2.
        await up.MustAsync("kubectl apply -f main.key");
        Assert.Equal(0, await up.StopAsync());
        await up.LaunchAsync();
        await up.UntilAsync("kubectl get sealedsecret checkout-secrets -n production -o jsonpath='{.status.conditions[0].status}'", "True", "restored keys open the SealedSecret again");
        Assert.Equal("sk_live_xxx", (await up.MustAsync(Value)).Trim());
    }
}
