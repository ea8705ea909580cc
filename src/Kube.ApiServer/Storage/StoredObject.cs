using System.Text.Json;

namespace Kube.ApiServer.Storage;

/// <summary>
/// One current object as stored: its serialized JSON (kept as UTF-8 bytes, which is what we send
/// and the cheapest form to hold 10k objects in memory) plus the metadata the server indexes.
/// </summary>
internal sealed class StoredObject
{
    private StoredObject(string ns, string name, long rv, byte[] json)
    {
        // Every object of a namespace repeats its name; requests and the journal hand in fresh copies.
        Namespace = StringPool.Share(ns);
        Name = name;
        Rv = rv;
        Json = json;
    }

    public string Namespace { get; }

    public string Name { get; }

    public long Rv { get; }

    public byte[] Json { get; }

    public string Uid { get; private init; } = string.Empty;

    public IReadOnlyDictionary<string, string> Labels { get; private init; } = LabelSet.Empty;

    /// <summary>uids of ownerReferences (empty when none); the garbage collector's index.</summary>
    public IReadOnlyList<string> OwnerUids { get; private init; } = [];

    public bool Deleting { get; private init; }

    public static StoredObject FromJson(string ns, string name, long rv, byte[] json)
    {
        using var doc = JsonDocument.Parse(json);
        var uid = string.Empty;
        LabelSet? labels = null;
        List<string>? owners = null;
        var deleting = false;
        if (doc.RootElement.TryGetProperty("metadata", out var meta) && meta.ValueKind == JsonValueKind.Object)
        {
            if (meta.TryGetProperty("uid", out var u) && u.ValueKind == JsonValueKind.String)
            {
                uid = u.GetString()!;
            }

            if (meta.TryGetProperty("labels", out var l) && l.ValueKind == JsonValueKind.Object)
            {
                var pairs = new List<KeyValuePair<string, string>>();
                foreach (var p in l.EnumerateObject())
                {
                    var value = p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText();
                    var pair = new KeyValuePair<string, string>(StringPool.Share(p.Name), StringPool.Share(value));
                    var at = pairs.FindIndex(e => e.Key == pair.Key);
                    if (at >= 0)
                    {
                        pairs[at] = pair; // a repeated key: the last one wins, as in a JSON object
                    }
                    else
                    {
                        pairs.Add(pair);
                    }
                }

                labels = pairs.Count == 0 ? LabelSet.Empty : new LabelSet([.. pairs]);
            }

            if (meta.TryGetProperty("ownerReferences", out var o) && o.ValueKind == JsonValueKind.Array)
            {
                owners = [];
                foreach (var r in o.EnumerateArray())
                {
                    if (r.ValueKind == JsonValueKind.Object && r.TryGetProperty("uid", out var ou) && ou.ValueKind == JsonValueKind.String)
                    {
                        owners.Add(ou.GetString()!);
                    }
                }
            }

            deleting = meta.TryGetProperty("deletionTimestamp", out var d) && d.ValueKind == JsonValueKind.String;
        }

        return new StoredObject(ns, name, rv, json)
        {
            Uid = uid,
            Labels = labels ?? LabelSet.Empty,
            OwnerUids = owners is { Count: > 0 } ? owners : Array.Empty<string>(),
            Deleting = deleting,
        };
    }
}
