using System.Text.Json.Nodes;
using Kube.ApiServer.Http;
using Kube.ApiServer.Resources;
using Kube.ApiServer.Storage;
using Microsoft.Extensions.Logging;

namespace Kube.ApiServer.Gc;

/// <summary>
/// The controllers a real cluster runs in kube-controller-manager that our tests need (reference §9):
/// ownerReference garbage collection (background, foreground, orphan) and the namespace controller
/// (empty a Terminating namespace, then remove it). It reacts to committed changes and converges by
/// scanning the store, so it is level-based and survives restarts.
/// </summary>
internal sealed partial class GarbageCollector
{
    private readonly ObjectService _objects;
    private readonly ILogger _logger;

    public GarbageCollector(ObjectService objects, ILogger logger)
    {
        _objects = objects;
        _logger = logger;
    }

    public async Task RunAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            // (Re)subscribe, then converge: after an overflow (a burst of writes while a pass held
            // the lock) the full pass catches up on whatever the dropped events would have told us.
            using var sub = _objects.Store.Subscribe(null, null, _objects.Store.Revision, out _, out _)!;
            await SafePassAsync(ct);
            var dependents = new List<ChangeEvent>();
            while (await sub.Reader.WaitToReadAsync(ct))
            {
                // Only a deletion (or an object being deleted) can orphan other objects or finish a
                // finalizer, so only those need the full scan. A written object that has owners needs
                // just its own owners checked: scanning the whole store (under the write lock) on every
                // such write made a burst of N owned Secrets cost O(N²) and stalled all writers.
                var fullPass = false;
                dependents.Clear();
                while (sub.Reader.TryRead(out var e))
                {
                    if (e.Type == WatchEventType.Deleted || e.Object.Deleting)
                    {
                        fullPass = true;
                    }
                    else if (e.Object.OwnerUids.Count > 0)
                    {
                        dependents.Add(e);
                    }
                }

                if (fullPass)
                {
                    await SafePassAsync(ct);
                }
                else if (dependents.Count > 0)
                {
                    // A collected dependent shows up as a Deleted event, which triggers the full pass.
                    await SafeCheckOwnersAsync(dependents, ct);
                }
            }
        }
    }

    private async Task SafePassAsync(CancellationToken ct)
    {
        try
        {
            await PassAsync(ct);
        }
        catch (ApiException e)
        {
            Log.PassFailed(_logger, e.Message);
        }
    }

    private async Task SafeCheckOwnersAsync(List<ChangeEvent> written, CancellationToken ct)
    {
        try
        {
            using (await _objects.Store.AcquireWriteAsync(ct))
            {
                foreach (var e in written)
                {
                    // Skip versions already replaced: their successor is in this batch or a later one.
                    if (_objects.Store.Get(e.StorageKey, e.Object.Namespace, e.Object.Name) is { } live && live.Rv == e.Object.Rv)
                    {
                        CollectOrphaned(e.StorageKey, live);
                    }
                }
            }
        }
        catch (ApiException e)
        {
            Log.PassFailed(_logger, e.Message);
        }
    }

    /// <summary>One convergence pass; repeats until nothing changes (deleting one dependent may free others).</summary>
    internal async Task PassAsync(CancellationToken ct)
    {
        for (var round = 0; round < 100; round++)
        {
            bool changed;
            using (await _objects.Store.AcquireWriteAsync(ct))
            {
                changed = PassLocked();
            }

            if (!changed)
            {
                return;
            }
        }
    }

    private bool PassLocked()
    {
        var store = _objects.Store;
        var all = new List<(string Key, StoredObject Obj)>();
        foreach (var key in store.StorageKeys())
        {
            all.AddRange(store.List(key, null, out _).Select(o => (key, o)));
        }

        var dependents = new Dictionary<string, List<(string Key, StoredObject Obj)>>(StringComparer.Ordinal);
        foreach (var item in all)
        {
            foreach (var owner in item.Obj.OwnerUids)
            {
                if (!dependents.TryGetValue(owner, out var list))
                {
                    dependents[owner] = list = [];
                }

                list.Add(item);
            }
        }

        var changed = false;
        foreach (var (key, obj) in all)
        {
            if (store.Get(key, obj.Namespace, obj.Name) is not { } live || live.Rv != obj.Rv)
            {
                continue;
            }

            changed |= CollectOrphaned(key, live) || FinishForeground(key, live, dependents) || FinishOrphan(key, live, dependents)
                || FinishNamespace(key, live);
        }

        return changed;
    }

    /// <summary>A dependent whose every owner is gone (by uid, in its namespace) is deleted in the background.</summary>
    private bool CollectOrphaned(string key, StoredObject o)
    {
        if (o.OwnerUids.Count == 0 || o.Deleting)
        {
            return false;
        }

        foreach (var uid in o.OwnerUids)
        {
            if (_objects.Store.FindByUid(uid) is { } owner && (owner.Ns.Length == 0 || owner.Ns == o.Namespace))
            {
                // Owner alive. Foreground deletion of the owner deletes its dependents too.
                var ownerObj = _objects.Store.Get(owner.Key, owner.Ns, owner.Name);
                if (ownerObj is not null && ownerObj.Deleting && HasFinalizer(ownerObj, ObjectService.ForegroundFinalizer))
                {
                    continue;
                }

                return false;
            }
        }

        return Delete(key, o, "Background");
    }

    private bool FinishForeground(string key, StoredObject o, Dictionary<string, List<(string Key, StoredObject Obj)>> dependents)
    {
        if (!o.Deleting || !HasFinalizer(o, ObjectService.ForegroundFinalizer))
        {
            return false;
        }

        var deps = dependents.GetValueOrDefault(o.Uid) ?? [];
        var changed = false;
        foreach (var (dk, d) in deps)
        {
            if (!d.Deleting && _objects.Store.Get(dk, d.Namespace, d.Name) is not null)
            {
                changed |= Delete(dk, d, "Foreground");
            }
        }

        if (deps.Any(d => _objects.Store.Get(d.Key, d.Obj.Namespace, d.Obj.Name) is not null))
        {
            return changed;
        }

        return RemoveFinalizer(key, o, ObjectService.ForegroundFinalizer) || changed;
    }

    private bool FinishOrphan(string key, StoredObject o, Dictionary<string, List<(string Key, StoredObject Obj)>> dependents)
    {
        if (!o.Deleting || !HasFinalizer(o, ObjectService.OrphanFinalizer))
        {
            return false;
        }

        foreach (var (dk, d) in dependents.GetValueOrDefault(o.Uid) ?? [])
        {
            var rt = _objects.Registry.FindStorage(dk);
            if (rt is null || _objects.Store.Get(dk, d.Namespace, d.Name) is null)
            {
                continue;
            }

            _objects.UpdateLocked(rt, d.Namespace, d.Name, null, UpdateKind.Patch, cur =>
            {
                var meta = JsonObjects.Metadata(cur!);
                if (meta["ownerReferences"] is JsonArray refs)
                {
                    var kept = refs.OfType<JsonObject>().Where(r => (string?)r["uid"] != o.Uid).Select(r => (JsonNode)r.DeepClone()).ToList();
                    if (kept.Count == 0)
                    {
                        meta.Remove("ownerReferences");
                    }
                    else
                    {
                        meta["ownerReferences"] = new JsonArray([.. kept]);
                    }
                }

                return cur!;
            }, new WriteOptions { FieldManager = "generic-garbage-collector" });
        }

        return RemoveFinalizer(key, o, ObjectService.OrphanFinalizer);
    }

    /// <summary>The namespace controller: delete everything inside, then drop the namespace once empty.</summary>
    private bool FinishNamespace(string key, StoredObject o)
    {
        if (key != "/namespaces" || !o.Deleting)
        {
            return false;
        }

        var changed = false;
        foreach (var k in _objects.Store.StorageKeys())
        {
            foreach (var item in _objects.Store.List(k, o.Name, out _))
            {
                if (!item.Deleting)
                {
                    changed |= Delete(k, item, "Background");
                }
            }
        }

        if (_objects.Store.AnyInNamespace(o.Name))
        {
            return changed;
        }

        var rt = _objects.Registry.FindStorage(key)!;
        var obj = ObjectService.Read(rt, o);
        _objects.RemoveLocked(rt, string.Empty, o.Name, obj);
        return true;
    }

    private bool Delete(string key, StoredObject o, string policy)
    {
        var rt = _objects.Registry.FindStorage(key);
        if (rt is null || _objects.Store.Get(key, o.Namespace, o.Name) is null)
        {
            return false;
        }

        try
        {
            _objects.DeleteLocked(rt, o.Namespace, o.Name, new DeleteRequest(policy, o.Uid, null, DryRun: false));
            return true;
        }
        catch (ApiException e)
        {
            Log.PassFailed(_logger, e.Message);
            return false;
        }
    }

    private bool RemoveFinalizer(string key, StoredObject o, string finalizer)
    {
        var rt = _objects.Registry.FindStorage(key);
        if (rt is null || _objects.Store.Get(key, o.Namespace, o.Name) is null)
        {
            return false;
        }

        _objects.UpdateLocked(rt, o.Namespace, o.Name, null, UpdateKind.Patch, cur =>
        {
            var meta = JsonObjects.Metadata(cur!);
            var list = JsonObjects.StringList(meta, "finalizers").Where(f => f != finalizer).ToList();
            meta["finalizers"] = new JsonArray([.. list.Select(f => (JsonNode)f)]);
            return cur!;
        }, new WriteOptions { FieldManager = "generic-garbage-collector" });
        return true;
    }

    private static bool HasFinalizer(StoredObject o, string finalizer) =>
        JsonObjects.StringList(JsonObjects.Metadata(JsonObjects.ParseStored(o.Json)), "finalizers").Contains(finalizer);

    private static partial class Log
    {
        [LoggerMessage(10, LogLevel.Warning, "garbage collection pass failed: {Message}")]
        public static partial void PassFailed(ILogger logger, string message);
    }
}
