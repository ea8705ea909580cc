using System.Text.Json.Nodes;

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

    /// <summary>The FieldsV1 element of a list item: <c>v:value</c> for sets, <c>k:{keys}</c> for maps.</summary>
    public string ElementOf(JsonNode? item, string listPath, ListType type) =>
        type.Kind == ListTypeKind.Set ? PathElement.Value(item) : PathElement.Key((JsonObject)item!, type.Keys, _builtIn?.KeyDefaults(listPath));

    /// <summary>The first key field a map-list item lacks (with no schema default), or null.</summary>
    public string? MissingKey(JsonNode? item, string listPath, ListType type)
    {
        var defaults = _builtIn?.KeyDefaults(listPath);
        return type.Keys.FirstOrDefault(k => JsonValues.IsNull((item as JsonObject)?[k]) && defaults?[k] is null);
    }

    /// <summary>Does a list item match a k: element, counting key defaults?</summary>
    public bool MatchesKey(JsonNode? item, string element, string listPath) => PathElement.MatchesKey(item, element, _builtIn?.KeyDefaults(listPath));

    /// <summary>The value a freshly created object is compared against when recording ownership.</summary>
    public JsonObject ZeroValue() => _builtIn?.ZeroValue() ?? new() { ["metadata"] = new JsonObject() };
}
