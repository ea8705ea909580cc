using SealedSecrets.Crypto;

namespace SealedSecrets.Kubeseal.Cli;

/// <summary>
/// Parses the command line the way Go's pflag does for upstream kubeseal: <c>--flag value</c>,
/// <c>--flag=value</c>, <c>-o yaml</c>, <c>-oyaml</c>, booleans with optional <c>=true|false</c>,
/// string slices repeated or comma-separated. Every flag can also come from
/// <c>SEALED_SECRETS_&lt;FLAG&gt;</c> (upper case, <c>-</c> → <c>_</c>); the command line wins.
/// kubectl's connection flags and klog's <c>-v</c> are accepted for compatibility.
/// </summary>
internal static class KubesealArgumentParser
{
    private enum Kind
    {
        String,
        Bool,
        Slice,
    }

    private sealed record Flag(string Name, string? Short, Kind Kind, string Help, Func<KubesealOptions, string, KubesealOptions> Apply);

    private static readonly Flag[] Flags =
    [
        Str("cert", null, "Certificate / public key file/URL to use for encryption. Overrides --controller-*", (o, v) => o with { Cert = v }),
        Str("controller-namespace", null, "Namespace of sealed-secrets controller. (default \"kube-system\")", (o, v) => o with { ControllerNamespace = v }),
        Str("controller-name", null, "Name of sealed-secrets controller. (default \"sealed-secrets-controller\")", (o, v) => o with { ControllerName = v }),
        Str("format", "o", "Output format for sealed secret. Either json or yaml (default \"json\")", (o, v) => o with { Format = v, FormatExplicit = true }),
        Str("sealed-secret-file", "w", "Sealed-secret (output) file", (o, v) => o with { SealedSecretFile = v }),
        Str("secret-file", "f", "Secret (input) file", (o, v) => o with { SecretFile = v }),
        Bool("fetch-cert", "Write certificate to stdout. Useful for later use with --cert", (o, v) => o with { FetchCert = v }),
        Bool("allow-empty-data", "Allow empty data in the secret object", (o, v) => o with { AllowEmptyData = v }),
        Bool("validate", "Validate given sealed secret object", (o, v) => o with { Validate = v }),
        Str("merge-into", null, "Merge items from secret into an existing sealed secret file, updating the file in-place instead of writing to stdout.", (o, v) => o with { MergeInto = v }),
        Bool("raw", "Encrypt a raw value passed via the --from-* flags instead of the whole secret object", (o, v) => o with { Raw = v }),
        Str("name", null, "Name of the sealed secret (required with --raw and default (strict) scope)", (o, v) => o with { Name = v }),
        Slice("from-file", "(only with --raw) Secret items can be sourced from files. Pro-tip: you can use /dev/stdin to read pipe input. This flag tries to follow the same syntax as in kubectl", (o, v) => o with { FromFile = [.. o.FromFile, .. SplitSlice(v)] }),
        Str("scope", null, "Set the scope of the sealed secret: strict, namespace-wide, cluster-wide (defaults to strict). Mandatory for --raw, otherwise the 'sealedsecrets.bitnami.com/cluster-wide' and 'sealedsecrets.bitnami.com/namespace-wide' annotations on the input secret can be used to select the scope.", (o, v) => o with { Scope = ParseScope(v) }),
        Bool("re-encrypt", "Re-encrypt the given sealed secret to use the latest cluster key.", (o, v) => o with { ReEncrypt = v }),
        Bool("rotate", "[DEPRECATED] same as --re-encrypt", (o, v) => o with { ReEncrypt = v }),
        Bool("recovery-unseal", "Decrypt a sealed secrets file obtained from stdin, using the private key passed with --recovery-private-key. Intended to be used in disaster recovery mode.", (o, v) => o with { RecoveryUnseal = v }),
        Slice("recovery-private-key", "Private key filename used by the --recovery-unseal command. Multiple files accepted either via comma separated list or by repetition of the flag. Either PEM encoded private keys or a backup of a json/yaml encoded k8s sealed-secret controller secret (and v1.List) are accepted. ", (o, v) => o with { RecoveryPrivateKey = [.. o.RecoveryPrivateKey, .. SplitSlice(v)] }),
        Str("kubeconfig", null, "Path to a kube config. Only required if out-of-cluster", (o, v) => o with { Kubeconfig = v }),
        Str("namespace", "n", "If present, the namespace scope for this CLI request", (o, v) => o with { Namespace = v }),
        Str("context", null, "The name of the kubeconfig context to use", (o, v) => o with { Context = v }),
        Bool("help", "help for kubeseal", (o, v) => o with { Help = v }, "h"),
        Bool("version", "Print version information and exit", (o, v) => o with { Version = v }),
        // kubectl connection overrides: accepted (they matter once a cluster is reached).
        Str("cluster", null, "The name of the kubeconfig cluster to use", (o, _) => o),
        Str("user", null, "The name of the kubeconfig user to use", (o, _) => o),
        Str("server", "s", "The address and port of the Kubernetes API server", (o, _) => o),
        Str("token", null, "Bearer token for authentication to the API server", (o, _) => o),
        Str("as", null, "Username to impersonate for the operation", (o, _) => o),
        Slice("as-group", "Group to impersonate for the operation, this flag can be repeated to specify multiple groups.", (o, _) => o),
        Str("as-uid", null, "UID to impersonate for the operation", (o, _) => o),
        Str("username", null, "Username for basic authentication to the API server", (o, _) => o),
        Str("password", null, "Password for basic authentication to the API server", (o, _) => o),
        Str("client-certificate", null, "Path to a client certificate file for TLS", (o, _) => o),
        Str("client-key", null, "Path to a client key file for TLS", (o, _) => o),
        Str("certificate-authority", null, "Path to a cert file for the certificate authority", (o, _) => o),
        Bool("insecure-skip-tls-verify", "If true, the server's certificate will not be checked for validity", (o, _) => o),
        Str("tls-server-name", null, "Server name to use for server certificate validation", (o, _) => o),
        Str("request-timeout", null, "The length of time to wait before giving up on a single server request (default \"0\")", (o, _) => o),
        Str("v", "v", "number for the log level verbosity", (o, _) => o),
    ];

    /// <summary>Parses <paramref name="args"/>, then fills unset flags from the environment.</summary>
    /// <exception cref="UsageException">Unknown flag, missing value or malformed boolean.</exception>
    public static KubesealOptions Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        var options = new KubesealOptions();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg == "--")
            {
                break;
            }
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                var body = arg[2..];
                var eq = body.IndexOf('=', StringComparison.Ordinal);
                var name = eq >= 0 ? body[..eq] : body;
                var flag = Flags.FirstOrDefault(f => f.Name == name) ?? throw new UsageException($"unknown flag: --{name}");
                options = Apply(flag, options, eq >= 0 ? body[(eq + 1)..] : null, args, ref i, $"--{name}");
                seen.Add(flag.Name);
            }
            else if (arg.Length > 1 && arg[0] == '-')
            {
                var letter = arg[1].ToString();
                var flag = Flags.FirstOrDefault(f => f.Short == letter || (f.Name == "help" && letter == "h"))
                    ?? throw new UsageException($"unknown shorthand flag: '{letter}' in {arg}");
                string? inline = arg.Length > 2 ? arg[2..].TrimStart('=') : null;
                options = Apply(flag, options, inline, args, ref i, $"-{letter}");
                seen.Add(flag.Name);
            }
            // Positional arguments are ignored, as upstream never reads them.
        }

        foreach (var flag in Flags.Where(f => !seen.Contains(f.Name)))
        {
            var value = environment("SEALED_SECRETS_" + flag.Name.ToUpperInvariant().Replace('-', '_'));
            if (!string.IsNullOrEmpty(value))
            {
                options = flag.Kind == Kind.Bool
                    ? flag.Apply(options, ParseBool(value, flag.Name) ? "true" : "false")
                    : flag.Apply(options, value);
            }
        }
        return options;
    }

    /// <summary>The usage text (pflag's layout: one line per flag).</summary>
    public static string Usage()
    {
        var lines = new List<string> { "Usage of kubeseal:" };
        foreach (var flag in Flags.Where(f => f.Name != "v"))
        {
            var left = flag.Short is null ? $"      --{flag.Name}" : $"  -{flag.Short}, --{flag.Name}";
            if (flag.Kind == Kind.String)
            {
                left += " string";
            }
            else if (flag.Kind == Kind.Slice)
            {
                left += " strings";
            }
            lines.Add($"{left.PadRight(40)} {flag.Help}");
        }
        return string.Join('\n', lines) + "\n";
    }

    private static KubesealOptions Apply(Flag flag, KubesealOptions options, string? inline, IReadOnlyList<string> args, ref int i, string spelled)
    {
        if (flag.Kind == Kind.Bool)
        {
            return flag.Apply(options, inline is null || ParseBool(inline, flag.Name) ? "true" : "false");
        }
        if (inline is null)
        {
            if (i + 1 >= args.Count)
            {
                throw new UsageException($"flag needs an argument: {spelled}");
            }
            inline = args[++i];
        }
        return flag.Apply(options, inline);
    }

    // strconv.ParseBool
    private static bool ParseBool(string value, string name) => value switch
    {
        "1" or "t" or "T" or "TRUE" or "true" or "True" => true,
        "0" or "f" or "F" or "FALSE" or "false" or "False" => false,
        _ => throw new UsageException($"invalid argument \"{value}\" for \"--{name}\" flag: strconv.ParseBool: parsing \"{value}\": invalid syntax"),
    };

    private static SealingScope ParseScope(string value) =>
        SealingScopeNames.TryParse(value, out var scope)
            ? scope.Value
            : throw new KubesealException($"invalid argument \"{value}\" for \"--scope\" flag: {SealingScopeNames.InvalidScopeMessage}");

    private static string[] SplitSlice(string value) =>
        value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static Flag Str(string name, string? shorthand, string help, Func<KubesealOptions, string, KubesealOptions> apply) => new(name, shorthand, Kind.String, help, apply);

    private static Flag Bool(string name, string help, Func<KubesealOptions, bool, KubesealOptions> apply, string? shorthand = null) =>
        new(name, shorthand, Kind.Bool, help, (o, v) => apply(o, v == "true"));

    private static Flag Slice(string name, string help, Func<KubesealOptions, string, KubesealOptions> apply) => new(name, null, Kind.Slice, help, apply);
}
