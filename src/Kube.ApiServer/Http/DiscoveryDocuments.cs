using System.Text.Json.Nodes;
using Kube.ApiServer.Resources;

namespace Kube.ApiServer.Http;

/// <summary>
/// <c>/version</c>, legacy discovery (APIVersions, APIGroupList, APIGroup, APIResourceList) and
/// aggregated discovery (APIGroupDiscoveryList v2 / v2beta1), all generated from the registry so a
/// CRD appears everywhere as soon as it is established (reference §3).
/// </summary>
internal sealed class DiscoveryDocuments(ResourceRegistry registry)
{
    /// <summary>
    /// The version document. kubectl's dispatcher runs the bundled kubectl whose minor matches
    /// <paramref name="minor"/> (reference §1), so a different minor selects a different kubectl.
    /// </summary>
    public static JsonObject Version(string minor) => new()
    {
        ["major"] = ServerInfo.Major,
        ["minor"] = minor,
        ["gitVersion"] = minor == ServerInfo.Minor ? ServerInfo.GitVersion : $"v{ServerInfo.Major}.{minor}.0-sigil",
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2026-01-01T00:00:00Z",
        ["goVersion"] = "go1.23.0",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    public static JsonObject CoreVersions(string host) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = host }),
    };

    public JsonObject GroupList()
    {
        var groups = new JsonArray();
        foreach (var (group, versions) in registry.Groups())
        {
            if (group.Length > 0)
            {
                groups.Add(GroupObject(group, versions));
            }
        }

        return new JsonObject { ["kind"] = "APIGroupList", ["apiVersion"] = "v1", ["groups"] = groups };
    }

    public JsonObject? Group(string name)
    {
        var match = registry.Groups().FirstOrDefault(g => g.Group == name && name.Length > 0);
        if (match.Group is null)
        {
            return null;
        }

        var o = GroupObject(match.Group, match.Versions);
        o["kind"] = "APIGroup";
        o["apiVersion"] = "v1";
        return o;
    }

    public JsonObject? ResourceList(string group, string version)
    {
        var types = registry.All.Where(r => r.Group == group && r.Version == version).ToList();
        if (types.Count == 0)
        {
            return null;
        }

        var resources = new JsonArray();
        foreach (var r in types)
        {
            var entry = new JsonObject
            {
                ["name"] = r.Plural,
                ["singularName"] = r.Singular,
                ["namespaced"] = r.Namespaced,
                ["kind"] = r.Kind,
                ["verbs"] = Strings(r.Verbs),
            };
            if (r.ShortNames.Count > 0)
            {
                entry["shortNames"] = Strings(r.ShortNames);
            }

            if (r.Categories.Count > 0)
            {
                entry["categories"] = Strings(r.Categories);
            }

            resources.Add(entry);
            foreach (var (sub, kind, sg, sv, verbs) in Subresources(r))
            {
                var s = new JsonObject { ["name"] = $"{r.Plural}/{sub}", ["singularName"] = string.Empty, ["namespaced"] = r.Namespaced };
                if (sg is not null)
                {
                    s["group"] = sg;
                    s["version"] = sv;
                }

                s["kind"] = kind;
                s["verbs"] = Strings(verbs);
                resources.Add(s);
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }

    public JsonObject Aggregated(bool core, string discoveryVersion)
    {
        var items = new JsonArray();
        foreach (var (group, versions) in registry.Groups())
        {
            if ((group.Length == 0) != core)
            {
                continue;
            }

            var versionList = new JsonArray();
            foreach (var v in versions)
            {
                var resources = new JsonArray();
                foreach (var r in registry.All.Where(r => r.Group == group && r.Version == v))
                {
                    var entry = new JsonObject
                    {
                        ["resource"] = r.Plural,
                        ["responseKind"] = Gvk(r.Group, r.Version, r.Kind),
                        ["scope"] = r.Namespaced ? "Namespaced" : "Cluster",
                        ["singularResource"] = r.Singular,
                        ["verbs"] = Strings(r.Verbs),
                    };
                    if (r.ShortNames.Count > 0)
                    {
                        entry["shortNames"] = Strings(r.ShortNames);
                    }

                    if (r.Categories.Count > 0)
                    {
                        entry["categories"] = Strings(r.Categories);
                    }

                    var subs = new JsonArray();
                    foreach (var (sub, kind, sg, sv, verbs) in Subresources(r))
                    {
                        subs.Add(new JsonObject
                        {
                            ["subresource"] = sub,
                            ["responseKind"] = Gvk(sg ?? r.Group, sv ?? r.Version, kind),
                            ["verbs"] = Strings(verbs),
                        });
                    }

                    if (subs.Count > 0)
                    {
                        entry["subresources"] = subs;
                    }

                    resources.Add(entry);
                }

                versionList.Add(new JsonObject { ["version"] = v, ["resources"] = resources, ["freshness"] = "Current" });
            }

            items.Add(new JsonObject
            {
                ["metadata"] = group.Length == 0 ? new JsonObject { ["creationTimestamp"] = null } : new JsonObject { ["name"] = group, ["creationTimestamp"] = null },
                ["versions"] = versionList,
            });
        }

        return new JsonObject
        {
            ["kind"] = "APIGroupDiscoveryList",
            ["apiVersion"] = $"apidiscovery.k8s.io/{discoveryVersion}",
            ["metadata"] = new JsonObject(),
            ["items"] = items,
        };
    }

    private static IEnumerable<(string Sub, string Kind, string? Group, string? Version, string[] Verbs)> Subresources(ResourceType r)
    {
        if (r.HasStatus)
        {
            yield return ("status", r.Kind, null, null, ["get", "patch", "update"]);
        }

        if (r.Scale is not null)
        {
            yield return ("scale", "Scale", "autoscaling", "v1", ["get", "patch", "update"]);
        }

        if (r.StorageKey == "/serviceaccounts")
        {
            yield return ("token", "TokenRequest", "authentication.k8s.io", "v1", ["create"]);
        }

        if (r.StorageKey == "/services")
        {
            yield return ("proxy", "ServiceProxyOptions", null, null, ["create", "delete", "get", "patch", "update"]);
        }
    }

    private static JsonObject GroupObject(string group, IReadOnlyList<string> versions)
    {
        var list = new JsonArray();
        foreach (var v in versions)
        {
            list.Add(new JsonObject { ["groupVersion"] = $"{group}/{v}", ["version"] = v });
        }

        return new JsonObject
        {
            ["name"] = group,
            ["versions"] = list,
            ["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{group}/{versions[0]}", ["version"] = versions[0] },
        };
    }

    private static JsonObject Gvk(string group, string version, string kind) =>
        new() { ["group"] = group, ["version"] = version, ["kind"] = kind };

    private static JsonArray Strings(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);
}
