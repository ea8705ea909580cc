using System.Text.Json.Nodes;

namespace SealedSecrets.Kubeseal.Manifests;

/// <summary>
/// Reorders <c>metadata</c> objects (and a Secret's top level) into Go's field order (the C# model lists them
/// alphabetically), so JSON output reads like upstream's <c>json.MarshalIndent</c>.
/// </summary>
internal static class GoFieldOrder
{
    private static readonly string[] ObjectMeta =
    [
        "name", "generateName", "namespace", "selfLink", "uid", "resourceVersion", "generation",
        "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "labels",
        "annotations", "ownerReferences", "finalizers", "managedFields",
    ];

    private static readonly string[] Secret = ["kind", "apiVersion", "metadata", "immutable", "data", "stringData", "type"];

    public static void Apply(JsonObject root)
    {
        if (root["kind"]?.GetValue<string>() == "Secret")
        {
            Reorder(root, Secret);
        }
        Reorder(root["metadata"] as JsonObject);
        if (root["spec"] is JsonObject spec && spec["template"] is JsonObject template)
        {
            Reorder(template["metadata"] as JsonObject);
        }
    }

    private static void Reorder(JsonObject? metadata) => Reorder(metadata, ObjectMeta);

    private static void Reorder(JsonObject? node, string[] order)
    {
        if (node is null)
        {
            return;
        }
        var entries = node.ToList();
        node.Clear();
        foreach (var (key, value) in entries.OrderBy(e => Rank(e.Key, order)))
        {
            node[key] = value;
        }
    }

    private static int Rank(string key, string[] order)
    {
        var index = Array.IndexOf(order, key);
        return index < 0 ? order.Length : index;
    }
}
