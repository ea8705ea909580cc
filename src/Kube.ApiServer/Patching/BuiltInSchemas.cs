namespace Kube.ApiServer.Patching;

/// <summary>
/// Patch metadata for the built-in kinds this server serves, transcribed from the struct tags of
/// k8s.io/api (core/v1, apps/v1, batch/v1) and apimachinery's ObjectMeta. Lists not named here are
/// atomic, as in upstream. Kinds of a built-in group without a table still get the ObjectMeta rules.
/// </summary>
internal static class BuiltInSchemas
{
    /// <summary>API groups whose kinds are compiled into kube-apiserver (strategic merge allowed).</summary>
    private static readonly HashSet<string> BuiltInGroups = new(StringComparer.Ordinal)
    {
        string.Empty, "apps", "batch", "autoscaling", "policy", "coordination.k8s.io", "events.k8s.io",
        "discovery.k8s.io", "networking.k8s.io", "rbac.authorization.k8s.io", "storage.k8s.io",
        "apiextensions.k8s.io", "admissionregistration.k8s.io", "certificates.k8s.io", "scheduling.k8s.io",
        "node.k8s.io", "authentication.k8s.io", "authorization.k8s.io", "flowcontrol.apiserver.k8s.io",
        "apiregistration.k8s.io", "resource.k8s.io",
    };

    private const string ZeroMeta = """{"metadata":{}}""";

    public static string GroupOf(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? string.Empty : apiVersion[..slash];
    }

    public static bool IsBuiltIn(string apiVersion) => BuiltInGroups.Contains(GroupOf(apiVersion));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(string Group, string Kind), KindSchema> Cache = new();

    /// <summary>The schema of a built-in kind, or null for custom resources. Schemas are immutable and cached.</summary>
    public static KindSchema? Find(string apiVersion, string kind) =>
        IsBuiltIn(apiVersion) ? Cache.GetOrAdd((GroupOf(apiVersion), kind), key => Build(key.Group, key.Kind)) : null;

    private static KindSchema Build(string group, string kind)
    {

        var lists = MetadataRules(string.Empty);
        var atomics = new HashSet<string>(StringComparer.Ordinal) { ".metadata.ownerReferences[]" };
        var zero = ZeroMeta;
        switch ((group, kind))
        {
            case ("", "ServiceAccount"):
                // ServiceAccount.imagePullSecrets is +listType=atomic upstream (unlike PodSpec's).
                lists[".secrets"] = ListRule.Keyed("name");
                atomics.Add(".secrets[]");
                break;
            case ("", "Service"):
                lists[".spec.ports"] = ListRule.Keyed("port", "port", "protocol");
                lists[".status.conditions"] = ListRule.Keyed("type");
                atomics.Add(".spec.selector");
                zero = """{"metadata":{},"spec":{},"status":{"loadBalancer":{}}}""";
                break;
            case ("", "Namespace"):
                lists[".status.conditions"] = ListRule.Keyed("type");
                zero = """{"metadata":{},"spec":{},"status":{}}""";
                break;
            case ("", "Pod"):
                PodSpecRules(lists, ".spec");
                lists[".status.conditions"] = ListRule.Keyed("type");
                zero = """{"metadata":{},"spec":{"containers":null},"status":{}}""";
                break;
            case ("", "PodTemplate"):
                PodSpecRules(lists, ".template.spec");
                MetadataRules(".template", lists);
                zero = """{"metadata":{},"template":{"metadata":{},"spec":{"containers":null}}}""";
                break;
            case ("", "ReplicationController"):
                PodSpecRules(lists, ".spec.template.spec");
                lists[".status.conditions"] = ListRule.Keyed("type");
                zero = """{"metadata":{},"spec":{},"status":{"replicas":0}}""";
                break;
            case ("", "Event"):
                zero = """{"metadata":{},"involvedObject":{},"source":{},"firstTimestamp":null,"lastTimestamp":null,"eventTime":null,"reportingComponent":"","reportingInstance":""}""";
                break;
            case ("", "Node"):
                lists[".status.conditions"] = ListRule.Keyed("type");
                lists[".status.addresses"] = ListRule.Keyed("type");
                zero = """{"metadata":{},"spec":{},"status":{"daemonEndpoints":{"kubeletEndpoint":{"Port":0}},"nodeInfo":{}}}""";
                break;
            case ("apps", "Deployment"):
            case ("apps", "StatefulSet"):
            case ("apps", "DaemonSet"):
            case ("apps", "ReplicaSet"):
                PodSpecRules(lists, ".spec.template.spec");
                MetadataRules(".spec.template", lists);
                lists[".status.conditions"] = ListRule.Keyed("type");
                atomics.Add(".spec.selector");
                zero = kind == "Deployment"
                    ? """{"metadata":{},"spec":{"template":{"metadata":{},"spec":{"containers":null}},"strategy":{}},"status":{}}"""
                    : """{"metadata":{},"spec":{"template":{"metadata":{},"spec":{"containers":null}}},"status":{}}""";
                break;
            case ("batch", "Job"):
                PodSpecRules(lists, ".spec.template.spec");
                MetadataRules(".spec.template", lists);
                lists[".status.conditions"] = ListRule.Keyed("type");
                zero = """{"metadata":{},"spec":{"template":{"metadata":{},"spec":{"containers":null}}},"status":{}}""";
                break;
            case ("batch", "CronJob"):
                PodSpecRules(lists, ".spec.jobTemplate.spec.template.spec");
                MetadataRules(".spec.jobTemplate.spec.template", lists);
                zero = """{"metadata":{},"spec":{"jobTemplate":{"metadata":{},"spec":{"template":{"metadata":{},"spec":{"containers":null}}}}},"status":{}}""";
                break;
            case ("coordination.k8s.io", "Lease"):
                zero = """{"metadata":{},"spec":{}}""";
                break;
            case ("apiextensions.k8s.io", "CustomResourceDefinition"):
                lists[".status.conditions"] = ListRule.Keyed("type");
                zero = """{"metadata":{},"spec":{"group":"","names":{"plural":"","kind":""},"scope":"","versions":null},"status":{"conditions":null,"acceptedNames":{"plural":"","kind":""},"storedVersions":null}}""";
                break;
            default:
                break;
        }

        foreach (var path in lists.Keys.Where(p => p.EndsWith(".imagePullSecrets", StringComparison.Ordinal) || p.EndsWith(".ownerReferences", StringComparison.Ordinal)).ToList())
        {
            atomics.Add(path + "[]"); // LocalObjectReference and OwnerReference are +structType=atomic.
        }

        // ContainerPort.protocol and ServicePort.protocol are list-map keys with default "TCP".
        var keyDefaults = lists.Keys
            .Where(p => p.EndsWith("[].ports", StringComparison.Ordinal) || (group.Length == 0 && kind == "Service" && p == ".spec.ports"))
            .ToDictionary(p => p, _ => """{"protocol":"TCP"}""", StringComparer.Ordinal);

        return new KindSchema(lists, atomics, keyDefaults, zero);
    }

    private static Dictionary<string, ListRule> MetadataRules(string prefix, Dictionary<string, ListRule>? into = null)
    {
        var lists = into ?? new Dictionary<string, ListRule>(StringComparer.Ordinal);
        lists[prefix + ".metadata.finalizers"] = ListRule.PrimitiveSet;
        lists[prefix + ".metadata.ownerReferences"] = ListRule.Keyed("uid");
        return lists;
    }

    /// <summary>PodSpec and Container lists (core/v1 types.go patch tags).</summary>
    private static void PodSpecRules(Dictionary<string, ListRule> lists, string spec)
    {
        lists[spec + ".volumes"] = ListRule.Keyed("name");
        lists[spec + ".imagePullSecrets"] = ListRule.Keyed("name");
        lists[spec + ".hostAliases"] = ListRule.Keyed("ip");
        lists[spec + ".topologySpreadConstraints"] = ListRule.Keyed("topologyKey", "topologyKey", "whenUnsatisfiable");
        lists[spec + ".schedulingGates"] = ListRule.Keyed("name");
        lists[spec + ".resourceClaims"] = ListRule.Keyed("name");
        foreach (var containers in new[] { "containers", "initContainers", "ephemeralContainers" })
        {
            var c = $"{spec}.{containers}";
            lists[c] = ListRule.Keyed("name");
            lists[c + "[].ports"] = ListRule.Keyed("containerPort", "containerPort", "protocol");
            lists[c + "[].env"] = ListRule.Keyed("name");
            lists[c + "[].volumeMounts"] = ListRule.Keyed("mountPath");
            lists[c + "[].volumeDevices"] = ListRule.Keyed("devicePath");
        }
    }
}
