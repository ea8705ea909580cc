using YamlDotNet.RepresentationModel;

namespace SealedSecrets.Kubeseal.Kubeconfig;

/// <summary>
/// The namespace kubectl (client-go's <c>ClientConfig.Namespace()</c>) would use: <c>-n</c>, else the
/// current context's namespace, else <c>default</c>. Files come from <c>--kubeconfig</c>, else every
/// path in <c>$KUBECONFIG</c> (first file to set a value wins), else <c>~/.kube/config</c>. Missing
/// files are skipped like client-go does. Read with YamlDotNet's node model (no reflection).
/// </summary>
internal static class KubeconfigNamespace
{
    public const string Default = "default";

    public static string Resolve(string? explicitNamespace, string? kubeconfigFlag, string? contextFlag, Func<string, string?> environment, string? home)
    {
        if (!string.IsNullOrEmpty(explicitNamespace))
        {
            return explicitNamespace;
        }
        var files = Files(kubeconfigFlag, environment, home);
        string? currentContext = string.IsNullOrEmpty(contextFlag) ? null : contextFlag;
        var contexts = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var root = Load(file);
            if (root is null)
            {
                continue;
            }
            currentContext ??= Scalar(root, "current-context") is { Length: > 0 } c ? c : null;
            if (root.Children.TryGetValue(new YamlScalarNode("contexts"), out var list) && list is YamlSequenceNode sequence)
            {
                foreach (var entry in sequence.OfType<YamlMappingNode>())
                {
                    var name = Scalar(entry, "name");
                    if (name is not null && !contexts.ContainsKey(name))
                    {
                        contexts[name] = entry.Children.TryGetValue(new YamlScalarNode("context"), out var ctx) && ctx is YamlMappingNode context
                            ? Scalar(context, "namespace")
                            : null;
                    }
                }
            }
        }
        return currentContext is not null && contexts.TryGetValue(currentContext, out var ns) && !string.IsNullOrEmpty(ns) ? ns : Default;
    }

    private static List<string> Files(string? kubeconfigFlag, Func<string, string?> environment, string? home)
    {
        if (!string.IsNullOrEmpty(kubeconfigFlag))
        {
            if (!File.Exists(kubeconfigFlag))
            {
                throw new KubesealException($"stat {kubeconfigFlag}: no such file or directory");
            }
            return [kubeconfigFlag];
        }
        var env = environment("KUBECONFIG");
        if (!string.IsNullOrEmpty(env))
        {
            return [.. env.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)];
        }
        return string.IsNullOrEmpty(home) ? [] : [Path.Combine(home, ".kube", "config")];
    }

    // A missing file in KUBECONFIG is skipped, as kubectl does.
    private static YamlMappingNode? Load(string file) => File.Exists(file) ? KubeconfigYaml.Load(file) : null;

    private static string? Scalar(YamlMappingNode node, string key) => KubeconfigYaml.Scalar(node, key);
}
