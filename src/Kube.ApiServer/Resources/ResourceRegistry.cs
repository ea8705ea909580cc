using System.Collections.Immutable;

namespace Kube.ApiServer.Resources;

/// <summary>
/// The served resources: built-ins plus one entry per served CRD version. Readers see an immutable
/// snapshot; CRD changes swap it and bump <see cref="Generation"/> (discovery/OpenAPI re-hash from it).
/// </summary>
internal sealed class ResourceRegistry
{
    private readonly Lock _sync = new();
    private ImmutableList<ResourceType> _builtins;
    private ImmutableDictionary<string, ImmutableList<ResourceType>> _custom = ImmutableDictionary<string, ImmutableList<ResourceType>>.Empty;
    private ImmutableList<ResourceType> _all;

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
        foreach (var g in _all.Select(r => r.Group).Distinct())
        {
            var versions = _all.Where(r => r.Group == g).Select(r => r.Version).Distinct().ToList();
            versions.Sort(KubeVersionComparer.Instance);
            result.Add((g, versions));
        }

        return result;
    }

    public void SetCustom(string crdName, IReadOnlyList<ResourceType> types)
    {
        lock (_sync)
        {
            _custom = types.Count == 0 ? _custom.Remove(crdName) : _custom.SetItem(crdName, [.. types]);
            _all = _builtins.AddRange(_custom.OrderBy(kv => kv.Key, StringComparer.Ordinal).SelectMany(kv => kv.Value));
            Generation++;
        }
    }

    public void AddBuiltins(IEnumerable<ResourceType> types)
    {
        lock (_sync)
        {
            _builtins = _builtins.AddRange(types);
            _all = _builtins.AddRange(_custom.SelectMany(kv => kv.Value));
            Generation++;
        }
    }
}
