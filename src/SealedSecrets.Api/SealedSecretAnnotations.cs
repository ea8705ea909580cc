namespace SealedSecrets.Api;

/// <summary>
/// Annotation and label keys upstream defines (<c>types.go</c>, reference sealed-secrets.md §1.3).
/// Values are compared with the exact string <see cref="True"/>.
/// </summary>
public static class SealedSecretAnnotations
{
    /// <summary>Common prefix.</summary>
    public const string Prefix = "sealedsecrets.bitnami.com/";

    /// <summary>Scope namespace-wide, on the SealedSecret (decrypt) or the input Secret (kubeseal).</summary>
    public const string NamespaceWide = Prefix + "namespace-wide";

    /// <summary>Scope cluster-wide; wins over <see cref="NamespaceWide"/>.</summary>
    public const string ClusterWide = Prefix + "cluster-wide";

    /// <summary>On an existing Secret: the controller may take it over.</summary>
    public const string Managed = Prefix + "managed";

    /// <summary>On an existing Secret: merge into it instead of replacing.</summary>
    public const string Patch = Prefix + "patch";

    /// <summary>On <c>spec.template.metadata</c>: keep the template's ownerReferences.</summary>
    public const string SkipSetOwnerReferences = Prefix + "skip-set-owner-references";

    /// <summary>Label on the controller's key Secrets; the value <see cref="ActiveKey"/> marks a usable key.</summary>
    public const string SealedSecretsKeyLabel = Prefix + "sealed-secrets-key";

    /// <summary>Value of <see cref="SealedSecretsKeyLabel"/> for keys in use.</summary>
    public const string ActiveKey = "active";

    /// <summary>The only annotation value that switches a flag on.</summary>
    public const string True = "true";

    /// <summary>kubectl's client-side apply annotation: holds plaintext, so sealing drops it (#227).</summary>
    public const string KubectlLastApplied = "kubectl.kubernetes.io/last-applied-configuration";

    /// <summary>kubecfg's equivalent, dropped for the same reason.</summary>
    public const string KubecfgLastApplied = "kubecfg.ksonnet.io/last-applied-configuration";
}
