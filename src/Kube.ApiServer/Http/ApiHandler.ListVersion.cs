using System.Globalization;
using Kube.ApiServer.Resources;
using Kube.ApiServer.Storage;
using Microsoft.AspNetCore.Http;

namespace Kube.ApiServer.Http;

/// <summary>
/// Which state a list reads: <c>resourceVersion</c> with <c>resourceVersionMatch</c>, and the
/// revision a <c>continue</c> token pins (Kubernetes API concepts, "Resource versions").
/// </summary>
internal sealed partial class ApiHandler
{
    /// <summary>
    /// The objects a list request reads and the revision it reports:
    /// <list type="bullet">
    /// <item>no resourceVersion, or <c>0</c>: the current state;</item>
    /// <item><c>N</c> with no match or <c>NotOlderThan</c>: the current state, which is never older
    /// than any revision this server handed out; a revision it has not reached yet is 504
    /// <c>Timeout</c> with cause <c>ResourceVersionTooLarge</c>, as upstream;</item>
    /// <item><c>N</c> with <c>Exact</c>: the state at revision N, rebuilt from the current state by
    /// undoing the retained changes after N; beyond the retained history 410 <c>Expired</c>;</item>
    /// <item>a continue token: later pages read the state at the token's revision when the history
    /// still covers it (a consistent snapshot, as upstream), otherwise the current state.</item>
    /// </list>
    /// Invalid combinations get upstream's 422 for <c>ListOptions.meta.k8s.io</c>.
    /// </summary>
    private List<StoredObject> ListForRequest(IQueryCollection q, ResourceType rt, string? ns, string? tokenRv, out long revision)
    {
        var rvParam = q["resourceVersion"].ToString();
        var match = q["resourceVersionMatch"].ToString();
        var hasContinue = q["continue"].ToString().Length > 0;
        ValidateListOptions(rvParam, match, hasContinue);
        if (hasContinue && rvParam.Length > 0 && rvParam != "0")
        {
            throw ApiException.BadRequest("specifying resource version is not allowed when using continue");
        }

        var store = _objects.Store;
        var current = store.List(rt.StorageKey, ns, out revision);
        if (tokenRv is not null)
        {
            if (long.TryParse(tokenRv, NumberStyles.None, CultureInfo.InvariantCulture, out var pinned)
                && pinned <= revision
                && TryRewind(rt, ns, current, revision, pinned) is { } snapshot)
            {
                revision = pinned;
                return snapshot;
            }

            return current;
        }

        if (rvParam.Length == 0 || rvParam == "0")
        {
            return current;
        }

        if (!long.TryParse(rvParam, NumberStyles.None, CultureInfo.InvariantCulture, out var requested))
        {
            throw ApiException.BadRequest($"invalid resource version: {rvParam}");
        }

        if (requested > revision)
        {
            throw TooLargeResourceVersion(requested, revision);
        }

        if (match != "Exact" || requested == revision)
        {
            return current;
        }

        var rewound = TryRewind(rt, ns, current, revision, requested)
            ?? throw ApiException.Expired("The resourceVersion for the provided list is too old.");
        revision = requested;
        return rewound;
    }

    /// <summary>Upstream's <c>ValidateListOptions</c> for a list (not a watch).</summary>
    private static void ValidateListOptions(string rv, string match, bool hasContinue)
    {
        if (match.Length == 0)
        {
            return;
        }

        var errors = new List<FieldError>();
        if (rv.Length == 0)
        {
            errors.Add(new FieldError("resourceVersionMatch", "Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided", "FieldValueForbidden"));
        }

        if (hasContinue)
        {
            errors.Add(new FieldError("resourceVersionMatch", "Forbidden: resourceVersionMatch is forbidden when continue is provided", "FieldValueForbidden"));
        }

        if (match is not ("Exact" or "NotOlderThan"))
        {
            errors.Add(new FieldError("resourceVersionMatch", $"Unsupported value: \"{match}\": supported values: \"Exact\", \"NotOlderThan\", \"\"", "FieldValueNotSupported"));
        }

        if (match == "Exact" && rv == "0")
        {
            errors.Add(new FieldError("resourceVersionMatch", "Forbidden: resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\"", "FieldValueForbidden"));
        }

        if (errors.Count > 0)
        {
            throw ApiException.Invalid("ListOptions", "meta.k8s.io", string.Empty, errors);
        }
    }

    /// <summary>apiserver's <c>NewTooLargeResourceVersionError</c> (504, retry after 1 s, as the watch cache answers).</summary>
    private static ApiException TooLargeResourceVersion(long requested, long current) =>
        new(504, "Timeout", $"Timeout: Too large resource version: {requested}, current: {current}", new System.Text.Json.Nodes.JsonObject
        {
            ["causes"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["reason"] = "ResourceVersionTooLarge", ["message"] = "Too large resource version" }),
            ["retryAfterSeconds"] = 1,
        });

    /// <summary>
    /// The state at <paramref name="target"/>, from <paramref name="current"/> (the state at
    /// <paramref name="currentRevision"/>) by undoing, newest first, each retained change after the
    /// target: an addition is removed, an update or deletion restores the object it replaced. Null
    /// when the history no longer reaches back to the target, or a change lacks its prior state
    /// (changes reloaded from the journal after a restart do not carry it).
    /// </summary>
    private List<StoredObject>? TryRewind(ResourceType rt, string? ns, List<StoredObject> current, long currentRevision, long target)
    {
        if (target == currentRevision)
        {
            return current;
        }

        // The replay covers every retained change after the target up to the subscription's start,
        // which is at or after the snapshot; changes newer than the snapshot are not in it and are skipped.
        using var sub = _objects.Store.Subscribe(rt.StorageKey, ns, target, out var changes, out _);
        if (sub is null)
        {
            return null;
        }

        if (!changes.Exists(c => c.Rv <= currentRevision))
        {
            // Nothing in this resource (and namespace) changed since the target: the snapshot is current.
            return current;
        }

        var state = new SortedDictionary<(string Ns, string Name), StoredObject>(current.ToDictionary(o => (o.Namespace, o.Name)), NsNameComparer.Instance);
        for (var i = changes.Count - 1; i >= 0; i--)
        {
            var change = changes[i];
            if (change.Rv > currentRevision)
            {
                continue;
            }

            var key = (change.Object.Namespace, change.Object.Name);
            if (change.Type == WatchEventType.Added)
            {
                state.Remove(key);
            }
            else if (change.Previous is { } previous)
            {
                state[key] = previous;
            }
            else
            {
                return null;
            }
        }

        return [.. state.Values];
    }

    /// <summary>Namespace, then name, ordinal: the store's (and etcd's key) order that continue tokens rely on.</summary>
    private sealed class NsNameComparer : IComparer<(string Ns, string Name)>
    {
        public static readonly NsNameComparer Instance = new();

        public int Compare((string Ns, string Name) x, (string Ns, string Name) y)
        {
            var byNs = string.CompareOrdinal(x.Ns, y.Ns);
            return byNs != 0 ? byNs : string.CompareOrdinal(x.Name, y.Name);
        }
    }
}
