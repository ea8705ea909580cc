namespace Kube.ApiServer.Patching;

/// <summary>
/// The list semantics server-side apply and field tracking use for one object: a built-in kind's
/// table, or for custom resources the CRD's <c>x-kubernetes-list-type</c> via the caller's lookup.
/// ObjectMeta rules (finalizers as a set, ownerReferences keyed by uid) hold for every kind.
/// </summary>
internal sealed class SchemaView
{
    private static readonly KindSchema MetadataOnly = BuiltInSchemas.Find("v1", "ConfigMap")!;

    private readonly KindSchema? _builtIn;
    private readonly Func<string, ListType>? _listTypeAt;

    private SchemaView(KindSchema? builtIn, Func<string, ListType>? listTypeAt)
    {
        _builtIn = builtIn;
        _listTypeAt = listTypeAt;
    }

    public static SchemaView For(string apiVersion, string kind, Func<string, ListType>? listTypeAt) =>
        new(BuiltInSchemas.Find(apiVersion, kind), listTypeAt);

    public ListType ListAt(string path)
    {
        if (_builtIn is not null)
        {
            return _builtIn.ListAt(path).ApplyType;
        }

        if (path.StartsWith(".metadata.", StringComparison.Ordinal))
        {
            return MetadataOnly.ListAt(path).ApplyType;
        }

        return _listTypeAt?.Invoke(path) ?? ListType.Atomic;
    }

    public bool IsAtomicObject(string path) => (_builtIn ?? MetadataOnly).IsAtomicObject(path);

    /// <summary>The value a freshly created object is compared against when recording ownership.</summary>
    public System.Text.Json.Nodes.JsonObject ZeroValue() => _builtIn?.ZeroValue() ?? new() { ["metadata"] = new System.Text.Json.Nodes.JsonObject() };
}
