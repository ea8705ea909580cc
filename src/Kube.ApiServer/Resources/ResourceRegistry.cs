namespace Kube.ApiServer.Resources;

/// <summary>
/// The served resources: built-ins plus one entry per served CRD version. Readers see an immutable
/// snapshot; CRD changes swap it and bump <see cref="Generation"/> (discovery/OpenAPI re-hash from it).
/// Snapshots are plain arrays copied on write: lookups scan them on every request, and CRD changes
/// are rare (System.Collections.Immutable was also the only reason that assembly was loaded).
/// </summary>
internal sealed class ResourceRegistry
{
    private readonly Lock _sync = new();
    private readonly SortedDictionary<string, ResourceType[]> _custom = new(StringComparer.Ordinal);
    private ResourceType[] _builtins;
    private volatile ResourceType[] _all;

    public ResourceRegistry(IEnumerable<ResourceType> builtins)
    {
        _builtins = [.. builtins];
        _all = _builtins;
    }

    public long Generation { get; private set; }

    public IReadOnlyList<ResourceType> All => _all;

    public ResourceType? Find(string group, string version, string plural)
    {
        foreach (var r in _all)
        {
            if (r.Plural == plural && r.Version == version && r.Group == group)
            {
                return r;
            }
        }

        return null;
    }

    public ResourceType? FindByKind(string apiVersion, string kind)
    {
        foreach (var r in _all)
        {
            if (r.Kind == kind && r.ApiVersion == apiVersion)
            {
                return r;
            }
        }

        return null;
    }

    /// <summary>The storage-version resource type for a storage key (any served version for built-ins).</summary>
    public ResourceType? FindStorage(string storageKey)
    {
        ResourceType? any = null;
        foreach (var r in _all)
        {
            if (r.StorageKey == storageKey)
            {
                if (r.Crd is null || r.Crd.Storage)
                {
                    return r;
                }

                any ??= r;
            }
        }

        return any;
    }

    public bool GroupVersionExists(string group, string version) =>
        _all.Any(r => r.Group == group && r.Version == version);

    /// <summary>Groups in discovery order with their versions in preference order.</summary>
    public IReadOnlyList<(string Group, IReadOnlyList<string> Versions)> Groups()
    {
        var result = new List<(string, IReadOnlyList<string>)>();
        var all = _all;
        foreach (var g in all.Select(r => r.Group).Distinct())
        {
            var versions = all.Where(r => r.Group == g).Select(r => r.Version).Distinct().ToList();
            versions.Sort(KubeVersionComparer.Instance);
            result.Add((g, versions));
        }

        return result;
    }

    public void SetCustom(string crdName, IReadOnlyList<ResourceType> types)
    {
        lock (_sync)
        {
            if (types.Count == 0)
            {
                _custom.Remove(crdName);
            }
            else
            {
                _custom[crdName] = [.. types];
            }

            _all = [.. _builtins, .. _custom.Values.SelectMany(v => v)];
            Generation++;
        }
    }

    public void AddBuiltins(IEnumerable<ResourceType> types)
    {
        lock (_sync)
        {
            _builtins = [.. _builtins, .. types];
            _all = [.. _builtins, .. _custom.Values.SelectMany(v => v)];
            Generation++;
        }
    }
}
