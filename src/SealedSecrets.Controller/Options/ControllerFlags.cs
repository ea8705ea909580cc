using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SealedSecrets.Controller.Options;

/// <summary>
/// Upstream's controller flags (reference sealed-secrets.md §3.1): pflag syntax (<c>--flag value</c>,
/// <c>--flag=value</c>, bare booleans), each also settable from <c>SEALED_SECRETS_&lt;FLAG&gt;</c>
/// (upper case, <c>-</c> → <c>_</c>); the command line wins over the environment.
/// </summary>
public static partial class ControllerFlags
{
    private sealed record Flag(string Name, string Usage, bool IsBool, Action<SealedSecretsControllerOptions, string> Set);

    private static readonly Flag[] All =
    [
        new("key-prefix", "Prefix used to name keys.", false, (o, v) => o.KeyPrefix = KeyPrefix(v)),
        new("key-size", "Size of encryption key.", false, (o, v) => o.KeySize = Int("key-size", v, 1024)),
        new("key-ttl", "Duration that certificate is valid for.", false, (o, v) => o.KeyTtl = Duration("key-ttl", v)),
        new("my-cn", "Common name to be used as issuer/subject DN in generated certificate.", false, (o, v) => o.MyCn = v),
        new("key-renew-period", "New key generation period (automatic rotation disabled if 0).", false, (o, v) => o.KeyRenewPeriod = Duration("key-renew-period", v)),
        new("rotate-period", "Deprecated alias of --key-renew-period.", false, (o, v) => o.KeyRenewPeriod = Duration("rotate-period", v)),
        new("key-order-priority", "Ordering of keys: CertNotBefore or SecretCreationTimestamp.", false, (o, v) => o.KeyOrderPriority = OrderPriority(v)),
        new("key-cutoff-time", "Create a new key if the latest one is older than this cutoff time (RFC1123Z).", false, (o, v) => o.KeyCutoffTime = v.Length == 0 ? null : Rfc1123Z("key-cutoff-time", v)),
        new("accept-deprecated-v1-data", "Accept deprecated v1 data field.", true, (o, v) => o.AcceptDeprecatedV1Data = Bool("accept-deprecated-v1-data", v)),
        new("all-namespaces", "Scan all namespaces or only the current namespace.", true, (o, v) => o.AllNamespaces = Bool("all-namespaces", v)),
        new("additional-namespaces", "Comma-separated list of additional namespaces to be scanned.", false, (o, v) => o.AdditionalNamespaces = List(v)),
        new("label-selector", "Label selector to filter SealedSecrets and Secrets.", false, (o, v) => o.LabelSelector = v),
        new("rate-limit", "Number of allowed sustained request per second for verify endpoint.", false, (o, v) => o.RateLimit = Double("rate-limit", v)),
        new("rate-limit-burst", "Number of requests allowed to exceed the rate limit per second for verify endpoint.", false, (o, v) => o.RateLimitBurst = Int("rate-limit-burst", v, 1)),
        new("privatekey-annotations", "Comma-separated list of additional annotations (k=v) for new private keys.", false, (o, v) => o.PrivateKeyAnnotations = Pairs("privatekey-annotations", v)),
        new("privatekey-labels", "Comma-separated list of additional labels (k=v) for new private keys.", false, (o, v) => o.PrivateKeyLabels = Pairs("privatekey-labels", v)),
        new("old-gc-behavior", "Delete the Secret when its SealedSecret is deleted (instead of ownerReference GC).", true, (o, v) => o.OldGcBehavior = Bool("old-gc-behavior", v)),
        new("update-status", "Update the status subresource of SealedSecrets.", true, (o, v) => o.UpdateStatus = Bool("update-status", v)),
        new("watch-for-secrets", "Watch for key Secrets created while running.", true, (o, v) => o.WatchForSecrets = Bool("watch-for-secrets", v)),
        new("skip-recreate", "Do not watch Secrets to recreate deleted ones.", true, (o, v) => o.SkipRecreate = Bool("skip-recreate", v)),
        new("log-info-stdout", "Log info to stdout.", true, (o, v) => o.LogInfoStdout = Bool("log-info-stdout", v)),
        new("log-level", "Log level (INFO|ERROR).", false, (o, v) => o.LogLevel = v),
        new("log-format", "Log format (text|json).", false, (o, v) => o.LogFormat = OneOf("log-format", v, "text", "json")),
        new("max-unseal-retries", "Max unseal retries before giving up until the SealedSecret changes (default 5).", false, (o, v) => o.MaxUnsealRetries = Int("max-unseal-retries", v, 0)),
        new("kubeclient-qps", "QPS of the Kubernetes client, shared by every request (Sigil default 500; upstream 5).", false, (o, v) => o.KubeclientQps = (float)Double("kubeclient-qps", v)),
        new("kubeclient-burst", "Burst of the Kubernetes client (Sigil default 1000; upstream 10).", false, (o, v) => o.KubeclientBurst = Int("kubeclient-burst", v, 1)),
        new("metrics-omit-secret-labels", "Do not emit the condition_info series (it names every SealedSecret).", true, (o, v) => o.MetricsOmitSecretLabels = Bool("metrics-omit-secret-labels", v)),
        new("listen-addr", "HTTP serving address.", false, (o, v) => o.ListenAddr = v),
        new("listen-metrics-addr", "HTTP metrics serving address.", false, (o, v) => o.ListenMetricsAddr = v),
        new("read-timeout", "HTTP request timeout for reads.", false, (o, v) => o.ReadTimeout = Duration("read-timeout", v)),
        new("write-timeout", "HTTP request timeout for writes.", false, (o, v) => o.WriteTimeout = Duration("write-timeout", v)),
        new("workers", "Sigil: number of unseal workers.", false, (o, v) => o.Workers = Int("workers", v, 1)),
        new("leader-elect", "Sigil: elect a leader through a Lease so several replicas can run.", true, (o, v) => o.LeaderElect = Bool("leader-elect", v)),
        new("leader-election-id", "Sigil: name of the Lease.", false, (o, v) => o.LeaderElectionId = v),
        new("controller-namespace", "Sigil: namespace of the key Secrets (default POD_NAMESPACE).", false, (o, v) => o.ControllerNamespace = v),
        new("kubeconfig", "Sigil: kubeconfig file (default: in-cluster, then KUBECONFIG).", false, (o, v) => o.Kubeconfig = v),
        new("context", "Sigil: kubeconfig context.", false, (o, v) => o.Context = v),
    ];

    /// <summary>
    /// Builds the options from <paramref name="args"/> over <paramref name="environment"/>.
    /// Returns null when <c>--help</c> was asked for.
    /// </summary>
    /// <exception cref="ControllerFlagException">A flag or variable is unknown or malformed.</exception>
    public static SealedSecretsControllerOptions? Parse(IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment, string? serviceAccountNamespace = null)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var options = new SealedSecretsControllerOptions
        {
            ControllerNamespace = environment.TryGetValue("POD_NAMESPACE", out var podNs) && podNs.Length > 0
                ? podNs
                : string.IsNullOrWhiteSpace(serviceAccountNamespace) ? "default" : serviceAccountNamespace.Trim(),
        };
        foreach (var flag in All)
        {
            if (environment.TryGetValue(EnvName(flag.Name), out var value))
            {
                flag.Set(options, value);
            }
        }
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h" or "--help" or "-help")
            {
                return null;
            }
            if (!arg.StartsWith('-'))
            {
                throw new ControllerFlagException($"unexpected argument \"{arg}\"");
            }
            var body = arg.TrimStart('-');
            var eq = body.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? body : body[..eq];
            var flag = Array.Find(All, f => f.Name == name) ?? throw new ControllerFlagException($"unknown flag: --{name}");
            string value;
            if (eq >= 0)
            {
                value = body[(eq + 1)..];
            }
            else if (flag.IsBool)
            {
                value = "true";
            }
            else if (i + 1 < args.Count)
            {
                value = args[++i];
            }
            else
            {
                throw new ControllerFlagException($"flag needs an argument: --{name}");
            }
            flag.Set(options, value);
        }
        return options;
    }

    /// <summary>The usage text, one line per flag with its environment variable.</summary>
    public static string Usage()
    {
        var text = new StringBuilder("Usage: sigil controller sealed-secrets [flags]\n\nFlags (each also from SEALED_SECRETS_<FLAG>):\n");
        foreach (var flag in All)
        {
            text.Append(CultureInfo.InvariantCulture, $"  --{flag.Name,-30} {flag.Usage}\n");
        }
        return text.ToString();
    }

    internal static string EnvName(string flag) => "SEALED_SECRETS_" + flag.ToUpperInvariant().Replace('-', '_');

    private static string KeyPrefix(string value) =>
        KeyPrefixPattern().IsMatch(value) && value.Length <= 245
            ? value
            : throw new ControllerFlagException($"invalid --key-prefix \"{value}\": only lower-case letters, digits and '-' are allowed, at most 245 characters");

    private static int Int(string flag, string value, int min) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n >= min
            ? n
            : throw new ControllerFlagException($"invalid value \"{value}\" for --{flag}: need an integer of at least {min}");

    private static double Double(string flag, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ControllerFlagException($"invalid value \"{value}\" for --{flag}: need a positive number");

    private static bool Bool(string flag, string value) => value.ToUpperInvariant() switch
    {
        "1" or "T" or "TRUE" => true,
        "0" or "F" or "FALSE" => false,
        _ => throw new ControllerFlagException($"invalid value \"{value}\" for --{flag}: need true or false"),
    };

    private static TimeSpan Duration(string flag, string value) =>
        GoDuration.TryParse(value, out var d) && d >= TimeSpan.Zero
            ? d
            : throw new ControllerFlagException($"invalid value \"{value}\" for --{flag}: need a duration such as 720h or 30m");

    private static DateTimeOffset Rfc1123Z(string flag, string value) =>
        TryZoneWithoutColon(value, out var t)
            ? t
            : throw new ControllerFlagException($"invalid value \"{value}\" for --{flag}: need RFC1123Z such as \"Mon, 02 Jan 2006 15:04:05 -0700\" (date -R)");

    // RFC1123Z writes the zone as -0700, which .NET's zzz (-07:00) does not read.
    private static bool TryZoneWithoutColon(string value, out DateTimeOffset time)
    {
        time = default;
        var match = ZonePattern().Match(value);
        return match.Success
            && DateTimeOffset.TryParseExact($"{match.Groups[1].Value} {match.Groups[2].Value}:{match.Groups[3].Value}", ["ddd, dd MMM yyyy HH:mm:ss zzz", "ddd, d MMM yyyy HH:mm:ss zzz"], CultureInfo.InvariantCulture, DateTimeStyles.None, out time);
    }

    private static KeyOrderPriority OrderPriority(string value) => value switch
    {
        "CertNotBefore" => KeyOrderPriority.CertNotBefore,
        "SecretCreationTimestamp" => KeyOrderPriority.SecretCreationTimestamp,
        _ => throw new ControllerFlagException($"invalid value \"{value}\" for --key-order-priority: need CertNotBefore or SecretCreationTimestamp"),
    };

    private static string OneOf(string flag, string value, params string[] allowed) =>
        allowed.Contains(value, StringComparer.OrdinalIgnoreCase)
            ? value.ToLowerInvariant()
            : throw new ControllerFlagException($"invalid value \"{value}\" for --{flag}: need one of {string.Join(", ", allowed)}");

    private static List<string> List(string value) =>
        [.. value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];

    private static Dictionary<string, string> Pairs(string flag, string value)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var item in List(value))
        {
            var eq = item.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new ControllerFlagException($"invalid value \"{item}\" in --{flag}: need key=value");
            }
            result[item[..eq]] = item[(eq + 1)..];
        }
        return result;
    }

    [GeneratedRegex("^[a-z0-9-]+$")]
    private static partial Regex KeyPrefixPattern();

    [GeneratedRegex(@"^(.*) ([+-]\d\d)(\d\d)$")]
    private static partial Regex ZonePattern();
}
