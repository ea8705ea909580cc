using System.Text.Json.Nodes;

namespace Kube.ApiServer.Patching;

/// <summary>
/// What the patch engines need to know about one kind: the merge rule of every non-atomic list, and
/// the Go zero value's shape. Paths are dotted field names from the object root with "[]" after a
/// list's name for its items, e.g. <c>.spec.template.spec.containers[].ports</c>.
/// </summary>
internal sealed class KindSchema
{
    private readonly Dictionary<string, ListRule> _lists;
    private readonly HashSet<string> _atomicObjects;
    private readonly Dictionary<string, string> _keyDefaults;
    private readonly string _zero;

    public KindSchema(Dictionary<string, ListRule> lists, HashSet<string> atomicObjects, Dictionary<string, string> keyDefaults, string zeroJson)
    {
        _lists = lists;
        _atomicObjects = atomicObjects;
        _keyDefaults = keyDefaults;
        _zero = zeroJson;
    }

    /// <summary>
    /// Schema defaults of map-list key fields (a port's <c>protocol</c> defaults to TCP), which
    /// structured-merge-diff uses when an item omits them; a JSON object, or null.
    /// </summary>
    public JsonObject? KeyDefaults(string path) => _keyDefaults.TryGetValue(path, out var json) ? JsonNode.Parse(json)!.AsObject() : null;

    /// <summary>The rule for the list at <paramref name="path"/>; unknown lists are atomic.</summary>
    public ListRule ListAt(string path) => _lists.TryGetValue(path, out var rule) ? rule : ListRule.Atomic;

    /// <summary>
    /// True for objects the Go types mark <c>+structType=atomic</c> or <c>+mapType=atomic</c>
    /// (owner references, label selectors, Service selectors): server-side apply owns them whole.
    /// </summary>
    public bool IsAtomicObject(string path) => _atomicObjects.Contains(path);

    /// <summary>
    /// The object a Go client would see for a freshly allocated value of the type: non-pointer
    /// structs present as empty objects, everything with <c>omitempty</c> absent. Field ownership on
    /// create is computed against it, which decides where FieldsV1 carries a "." entry.
    /// </summary>
    public JsonObject ZeroValue() => JsonNode.Parse(_zero)!.AsObject(); // a fresh copy: callers mutate it
}
