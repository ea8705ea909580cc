using YamlDotNet.RepresentationModel;

namespace SealedSecrets.Kubeseal.Kubeconfig;

/// <summary>
/// Reads a kubeconfig file's root mapping, shared by namespace resolution and the cluster
/// connection so both report a broken file the same way (path and line, never the content:
/// kubeconfigs hold tokens and client keys).
/// </summary>
internal static class KubeconfigYaml
{
    public static YamlMappingNode? Load(string file)
    {
        try
        {
            var stream = new YamlStream();
            using var reader = new StreamReader(file);
            stream.Load(reader);
            return stream.Documents.Count > 0 ? stream.Documents[0].RootNode as YamlMappingNode : null;
        }
        catch (YamlDotNet.Core.YamlException ex)
        {
            throw new KubesealException($"cannot read kubeconfig {file}: invalid YAML at line {ex.Start.Line}", ex);
        }
    }

    public static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) && value is YamlScalarNode scalar ? scalar.Value : null;
}
