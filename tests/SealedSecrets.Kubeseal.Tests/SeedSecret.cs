namespace SealedSecrets.Kubeseal.Tests;

/// <summary>The seed's Secret as `kubectl create secret generic ... --dry-run=client -o yaml|json` prints it.</summary>
internal static class SeedSecret
{
    public const string Yaml = """
        apiVersion: v1
        data:
          PAYMENT_API_KEY: c2tfbGl2ZV94eHg=
          STRIPE_WEBHOOK_SECRET: d2hzZWNfeHh4
        kind: Secret
        metadata:
          creationTimestamp: null
          name: checkout-secrets
          namespace: production

        """;

    public const string Json = """
        {
            "kind": "Secret",
            "apiVersion": "v1",
            "metadata": {
                "name": "checkout-secrets",
                "namespace": "production",
                "creationTimestamp": null
            },
            "data": {
                "PAYMENT_API_KEY": "c2tfbGl2ZV94eHg=",
                "STRIPE_WEBHOOK_SECRET": "d2hzZWNfeHh4"
            }
        }

        """;
}
