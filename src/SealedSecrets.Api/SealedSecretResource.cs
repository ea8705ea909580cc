namespace SealedSecrets.Api;

/// <summary>Names of the SealedSecret custom resource (<c>register.go</c>, <c>schema-v1alpha1.yaml</c>).</summary>
public static class SealedSecretResource
{
    /// <summary>API group.</summary>
    public const string Group = "bitnami.com";

    /// <summary>API version within the group.</summary>
    public const string Version = "v1alpha1";

    /// <summary><c>apiVersion</c> value.</summary>
    public const string ApiVersion = Group + "/" + Version;

    /// <summary><c>kind</c> value.</summary>
    public const string Kind = "SealedSecret";

    /// <summary>Kind of the list type.</summary>
    public const string ListKind = "SealedSecretList";

    /// <summary>Resource (plural) name.</summary>
    public const string Plural = "sealedsecrets";

    /// <summary>Singular name.</summary>
    public const string Singular = "sealedsecret";

    /// <summary>The CRD's <c>metadata.name</c>.</summary>
    public const string CrdName = Plural + "." + Group;
}
