using SealedSecrets.Crypto;

namespace SealedSecrets.Kubeseal.Cli;

/// <summary>
/// Parsed <c>kubeseal</c> flags with upstream's names and defaults (reference sealed-secrets.md
/// §2.1). <see cref="FormatExplicit"/> and <see cref="NamespaceExplicit"/> record whether the user
/// set them, which upstream's behaviour depends on.
/// </summary>
public sealed record KubesealOptions
{
    public string? Cert { get; init; }

    public string ControllerNamespace { get; init; } = "kube-system";

    public string ControllerName { get; init; } = "sealed-secrets-controller";

    public string Format { get; init; } = "json";

    public bool FormatExplicit { get; init; }

    public string? SealedSecretFile { get; init; }

    public string? SecretFile { get; init; }

    public bool FetchCert { get; init; }

    public bool AllowEmptyData { get; init; }

    public bool Validate { get; init; }

    public string? MergeInto { get; init; }

    public bool Raw { get; init; }

    public string? Name { get; init; }

    public IReadOnlyList<string> FromFile { get; init; } = [];

    public SealingScope Scope { get; init; } = SealingScope.Strict;

    public bool ReEncrypt { get; init; }

    public bool RecoveryUnseal { get; init; }

    public IReadOnlyList<string> RecoveryPrivateKey { get; init; } = [];

    public string? Kubeconfig { get; init; }

    public string? Namespace { get; init; }

    public bool NamespaceExplicit => !string.IsNullOrEmpty(Namespace);

    public string? Context { get; init; }

    public bool Help { get; init; }

    public bool Version { get; init; }
}
