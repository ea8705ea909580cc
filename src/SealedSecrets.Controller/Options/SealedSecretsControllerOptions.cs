namespace SealedSecrets.Controller.Options;

/// <summary>
/// The controller's settings, one property per upstream flag (reference sealed-secrets.md §3.1) with
/// upstream's defaults, plus Sigil's additions (workers, leader election). Built from the command
/// line and <c>SEALED_SECRETS_*</c> variables by <see cref="ControllerFlags"/>.
/// </summary>
public sealed class SealedSecretsControllerOptions
{
    /// <summary>Where key Secrets live: <c>POD_NAMESPACE</c>, the service-account namespace file, else <c>default</c>.</summary>
    public string ControllerNamespace { get; set; } = "default";

    /// <summary>Key Secrets get <c>generateName</c> = this prefix; also the legacy key's exact name.</summary>
    public string KeyPrefix { get; set; } = "sealed-secrets-key";

    public int KeySize { get; set; } = 4096;

    public TimeSpan KeyTtl { get; set; } = TimeSpan.FromHours(87600);

    /// <summary>Common name of new certificates; empty means an empty DN.</summary>
    public string MyCn { get; set; } = string.Empty;

    /// <summary>A new key every period; zero turns automatic renewal off.</summary>
    public TimeSpan KeyRenewPeriod { get; set; } = TimeSpan.FromDays(30);

    public KeyOrderPriority KeyOrderPriority { get; set; } = KeyOrderPriority.CertNotBefore;

    /// <summary>At start, a new key is made if the latest is older than this.</summary>
    public DateTimeOffset? KeyCutoffTime { get; set; }

    public bool AcceptDeprecatedV1Data { get; set; } = true;

    public bool AllNamespaces { get; set; } = true;

#pragma warning disable CA2227, CA1002 // Options bag filled by the flag parser.
    public List<string> AdditionalNamespaces { get; set; } = [];
#pragma warning restore CA2227, CA1002

    public string LabelSelector { get; set; } = string.Empty;

    /// <summary>Requests per second allowed on /v1/verify and /v1/rotate per client.</summary>
    public double RateLimit { get; set; } = 2;

    public int RateLimitBurst { get; set; } = 2;

#pragma warning disable CA2227 // Options bag filled by the flag parser.
    public Dictionary<string, string> PrivateKeyAnnotations { get; set; } = new(StringComparer.Ordinal);

    public Dictionary<string, string> PrivateKeyLabels { get; set; } = new(StringComparer.Ordinal);
#pragma warning restore CA2227

    /// <summary>Delete the Secret when its SealedSecret goes instead of relying on Kubernetes GC.</summary>
    public bool OldGcBehavior { get; set; }

    public bool UpdateStatus { get; set; } = true;

    /// <summary>Pick up key Secrets added while running.</summary>
    public bool WatchForSecrets { get; set; }

    /// <summary>Do not watch Secrets to recreate deleted ones.</summary>
    public bool SkipRecreate { get; set; }

    public bool LogInfoStdout { get; set; } = true;

    public string LogLevel { get; set; } = "INFO";

    public string LogFormat { get; set; } = "text";

    public int MaxUnsealRetries { get; set; } = 5;

    /// <summary>
    /// Requests per second of the controller's one shared client limiter. Upstream's default is 5
    /// (burst 10), which makes a cold start of 5,000 SealedSecrets take over half an hour; Sigil's
    /// default lets the unseal workers run at full speed (perf-security.md §1.3 S1) while still
    /// capping what the controller can throw at the API server. Pass 5/10 for upstream's pace.
    /// </summary>
    public float KubeclientQps { get; set; } = 500;

    public int KubeclientBurst { get; set; } = 1000;

    public bool MetricsOmitSecretLabels { get; set; }

    public string ListenAddr { get; set; } = ":8080";

    public string ListenMetricsAddr { get; set; } = ":8081";

    public TimeSpan ReadTimeout { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan WriteTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Sigil: unseal workers (upstream has one).</summary>
    public int Workers { get; set; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>Sigil: Lease leader election so several replicas can run (upstream supports one).</summary>
    public bool LeaderElect { get; set; }

    public string LeaderElectionId { get; set; } = "sealed-secrets-controller";

    /// <summary>Sigil: kubeconfig file; empty means in-cluster config, then KUBECONFIG / ~/.kube/config.</summary>
    public string Kubeconfig { get; set; } = string.Empty;

    /// <summary>Sigil: kubeconfig context.</summary>
    public string Context { get; set; } = string.Empty;

    /// <summary>Namespaces whose SealedSecrets are watched; null means all.</summary>
    public IReadOnlyList<string>? WatchedNamespaces =>
        AllNamespaces && AdditionalNamespaces.Count == 0 ? null : [ControllerNamespace, .. AdditionalNamespaces.Where(n => n != ControllerNamespace)];
}
