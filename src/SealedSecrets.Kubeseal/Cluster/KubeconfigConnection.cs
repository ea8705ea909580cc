using System.Net.Http.Headers;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using SealedSecrets.Kubeseal.Kubeconfig;
using YamlDotNet.RepresentationModel;

namespace SealedSecrets.Kubeseal.Cluster;

/// <summary>
/// How to reach the API server, read from kubeconfig as kubectl does: <c>--kubeconfig</c>, else the
/// files in <c>$KUBECONFIG</c> (first one to define a name wins), else <c>~/.kube/config</c>; the
/// context from <c>--context</c> or <c>current-context</c>; its cluster's server and CA
/// (<c>certificate-authority[-data]</c>, <c>insecure-skip-tls-verify</c>) and its user's bearer
/// token (<c>token</c>, <c>tokenFile</c>) or client certificate. Uses the YAML node model only, so
/// kubeseal stays Native-AOT clean. Exec and auth-provider plugins are not supported (the error says so).
/// </summary>
internal sealed class KubeconfigConnection : IDisposable
{
    private KubeconfigConnection(Uri server, HttpClient http)
    {
        Server = server;
        Http = http;
    }

    public Uri Server { get; }

    /// <summary>An HTTP client that trusts the cluster's CA and authenticates as the user.</summary>
    public HttpClient Http { get; }

    public void Dispose() => Http.Dispose();

    /// <exception cref="InvalidOperationException">No usable kubeconfig; the message names the file and field.</exception>
    public static KubeconfigConnection Open(string? kubeconfigFlag, string? contextFlag, Func<string, string?> environment, string? home)
    {
        var files = Files(kubeconfigFlag, environment, home);
        var contexts = new Dictionary<string, YamlMappingNode>(StringComparer.Ordinal);
        var clusters = new Dictionary<string, (YamlMappingNode Node, string Dir)>(StringComparer.Ordinal);
        var users = new Dictionary<string, (YamlMappingNode Node, string Dir)>(StringComparer.Ordinal);
        string? current = string.IsNullOrEmpty(contextFlag) ? null : contextFlag;
        foreach (var file in files)
        {
            if (Load(file) is not { } root)
            {
                continue;
            }
            var dir = Path.GetDirectoryName(Path.GetFullPath(file)) ?? ".";
            current ??= Scalar(root, "current-context") is { Length: > 0 } c ? c : null;
            Collect(root, "contexts", "context", (name, node) => contexts.TryAdd(name, node));
            Collect(root, "clusters", "cluster", (name, node) => clusters.TryAdd(name, (node, dir)));
            Collect(root, "users", "user", (name, node) => users.TryAdd(name, (node, dir)));
        }
        if (current is null)
        {
            throw new InvalidOperationException(files.Count == 0
                ? "no kubeconfig found: set KUBECONFIG, pass --kubeconfig, or create ~/.kube/config (or use --cert)"
                : "kubeconfig has no current-context; pass --context");
        }
        if (!contexts.TryGetValue(current, out var context))
        {
            throw new InvalidOperationException($"context \"{current}\" does not exist in kubeconfig");
        }
        var clusterName = Scalar(context, "cluster") ?? string.Empty;
        if (!clusters.TryGetValue(clusterName, out var cluster))
        {
            throw new InvalidOperationException($"cluster \"{clusterName}\" of context \"{current}\" does not exist in kubeconfig");
        }
        if (!Uri.TryCreate(Scalar(cluster.Node, "server"), UriKind.Absolute, out var server))
        {
            throw new InvalidOperationException($"cluster \"{clusterName}\" has no valid server URL in kubeconfig");
        }
        var userName = Scalar(context, "user");
        var user = userName is not null && users.TryGetValue(userName, out var u) ? u : default;
        return new KubeconfigConnection(server, CreateClient(cluster, user, clusterName, userName));
    }

    private static HttpClient CreateClient((YamlMappingNode Node, string Dir) cluster, (YamlMappingNode? Node, string Dir) user, string clusterName, string? userName)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(1) };
        var insecure = Scalar(cluster.Node, "insecure-skip-tls-verify") is "true";
        var caPem = Bytes(cluster.Node, "certificate-authority-data", "certificate-authority", cluster.Dir, $"cluster \"{clusterName}\"");
        if (insecure)
        {
            // The user asked for it in kubeconfig (insecure-skip-tls-verify: true), as kubectl honours.
#pragma warning disable CA5359
            handler.SslOptions.RemoteCertificateValidationCallback = (_, _, _, _) => true;
#pragma warning restore CA5359
        }
        else if (caPem is not null)
        {
            var roots = new X509Certificate2Collection();
            roots.ImportFromPem(Encoding.ASCII.GetString(caPem));
            handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
            {
                if (errors == SslPolicyErrors.None)
                {
                    return true;
                }
                if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
                {
                    return false;
                }
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.CustomTrustStore.AddRange(roots);
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                using var leaf = new X509Certificate2(certificate);
                return chain.Build(leaf);
            };
        }
        string? token = null;
        if (user.Node is { } userNode)
        {
            var what = $"user \"{userName}\"";
            if (userNode.Children.ContainsKey(new YamlScalarNode("exec")) || userNode.Children.ContainsKey(new YamlScalarNode("auth-provider")))
            {
                throw new InvalidOperationException($"{what} in kubeconfig uses an exec or auth-provider plugin, which this kubeseal does not run; use a token or client certificate, or pass --cert");
            }
            token = Scalar(userNode, "token");
            if (string.IsNullOrEmpty(token) && Scalar(userNode, "tokenFile") is { Length: > 0 } tokenFile)
            {
                token = File.ReadAllText(Resolve(user.Dir, tokenFile)).Trim();
            }
            var certPem = Bytes(userNode, "client-certificate-data", "client-certificate", user.Dir, what);
            var keyPem = Bytes(userNode, "client-key-data", "client-key", user.Dir, what);
            if (certPem is not null && keyPem is not null)
            {
                using var pemCertificate = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(certPem), Encoding.ASCII.GetString(keyPem));
                handler.SslOptions.ClientCertificates = [X509CertificateLoader.LoadPkcs12(pemCertificate.Export(X509ContentType.Pkcs12), null)];
            }
        }
        var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        if (!string.IsNullOrEmpty(token))
        {
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return http;
    }

    private static byte[]? Bytes(YamlMappingNode node, string dataKey, string fileKey, string dir, string what)
    {
        if (Scalar(node, dataKey) is { Length: > 0 } data)
        {
            try
            {
                return Convert.FromBase64String(data);
            }
            catch (FormatException ex)
            {
                throw new InvalidOperationException($"{what} in kubeconfig: {dataKey} is not valid base64", ex);
            }
        }
        return Scalar(node, fileKey) is { Length: > 0 } file ? File.ReadAllBytes(Resolve(dir, file)) : null;
    }

    private static string Resolve(string dir, string path) => Path.IsPathRooted(path) ? path : Path.Combine(dir, path);

    private static void Collect(YamlMappingNode root, string listKey, string itemKey, Action<string, YamlMappingNode> add)
    {
        if (!root.Children.TryGetValue(new YamlScalarNode(listKey), out var list) || list is not YamlSequenceNode sequence)
        {
            return;
        }
        foreach (var entry in sequence.OfType<YamlMappingNode>())
        {
            if (Scalar(entry, "name") is { } name && entry.Children.TryGetValue(new YamlScalarNode(itemKey), out var item) && item is YamlMappingNode body)
            {
                add(name, body);
            }
        }
    }

    private static List<string> Files(string? kubeconfigFlag, Func<string, string?> environment, string? home)
    {
        if (!string.IsNullOrEmpty(kubeconfigFlag))
        {
            return File.Exists(kubeconfigFlag)
                ? [kubeconfigFlag]
                : throw new InvalidOperationException($"stat {kubeconfigFlag}: no such file or directory");
        }
        if (environment("KUBECONFIG") is { Length: > 0 } env)
        {
            return [.. env.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).Where(File.Exists)];
        }
        var fallback = string.IsNullOrEmpty(home) ? null : Path.Combine(home, ".kube", "config");
        return fallback is not null && File.Exists(fallback) ? [fallback] : [];
    }

    private static YamlMappingNode? Load(string file) => KubeconfigYaml.Load(file);

    private static string? Scalar(YamlMappingNode node, string key) => KubeconfigYaml.Scalar(node, key);
}
