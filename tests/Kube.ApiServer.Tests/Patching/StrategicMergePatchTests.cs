using System.Text.Json.Nodes;
using Kube.ApiServer.Patching;

namespace Kube.ApiServer.Tests.Patching;

public class StrategicMergePatchTests
{
    private const string Deployment = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
         "spec":{"replicas":1,"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}},
          "template":{"metadata":{"labels":{"app":"web"}},"spec":{
           "containers":[
            {"name":"app","image":"app:1","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],
             "envFrom":[{"secretRef":{"name":"s1"}}],
             "ports":[{"containerPort":80,"protocol":"TCP"}],
             "volumeMounts":[{"name":"cfg","mountPath":"/etc/cfg"}],"args":["--a"]},
            {"name":"side","image":"side:1"}],
           "initContainers":[{"name":"init","image":"init:1"}],
           "volumes":[{"name":"cfg","secret":{"secretName":"s"}}]}}}}
        """;

    public static TheoryData<string, string, string, string, string> Cases => new()
    {
        // kubectl apply's 3-way patch for a Secret: changed and removed keys plus the new annotation.
        {
            "v1", "Secret",
            """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s","annotations":{"kubectl.kubernetes.io/last-applied-configuration":"old","keep":"k"}},"data":{"a":"YQ==","b":"Yg=="},"type":"Opaque"}""",
            """{"data":{"b":null,"c":"Yw=="},"metadata":{"annotations":{"kubectl.kubernetes.io/last-applied-configuration":"new"}}}""",
            """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s","annotations":{"kubectl.kubernetes.io/last-applied-configuration":"new","keep":"k"}},"data":{"a":"YQ==","c":"Yw=="},"type":"Opaque"}"""
        },
        {
            "v1", "ConfigMap",
            """{"metadata":{"name":"c","labels":{"x":"1"}},"data":{"k":"v","old":"o"}}""",
            """{"data":{"k":"v2","old":null},"metadata":{"labels":{"y":"2"}}}""",
            """{"metadata":{"name":"c","labels":{"x":"1","y":"2"}},"data":{"k":"v2"}}"""
        },
        // metadata.finalizers merges as a set; $deleteFromPrimitiveList removes.
        {
            "v1", "ConfigMap",
            """{"metadata":{"name":"c","finalizers":["a","b"]}}""",
            """{"metadata":{"finalizers":["b","c"]}}""",
            """{"metadata":{"name":"c","finalizers":["a","b","c"]}}"""
        },
        {
            "v1", "ConfigMap",
            """{"metadata":{"name":"c","finalizers":["a","b","c"]}}""",
            """{"metadata":{"$deleteFromPrimitiveList/finalizers":["b","zz"]}}""",
            """{"metadata":{"name":"c","finalizers":["a","c"]}}"""
        },
        {
            "v1", "ConfigMap",
            """{"metadata":{"name":"c","finalizers":["a","b"]}}""",
            """{"metadata":{"$setElementOrder/finalizers":["b","a"]}}""",
            """{"metadata":{"name":"c","finalizers":["b","a"]}}"""
        },
        // metadata.ownerReferences merges by uid.
        {
            "v1", "Secret",
            """{"metadata":{"ownerReferences":[{"uid":"1","name":"a","kind":"K"},{"uid":"2","name":"b","kind":"K"}]}}""",
            """{"metadata":{"ownerReferences":[{"uid":"2","controller":true},{"uid":"3","name":"c","kind":"K"},{"$patch":"delete","uid":"1"}]}}""",
            """{"metadata":{"ownerReferences":[{"uid":"2","name":"b","kind":"K","controller":true},{"uid":"3","name":"c","kind":"K"}]}}"""
        },
        // ServiceAccount.secrets merges by name (apimachinery puts new items before server-only
        // ones: normalizeElementOrder); imagePullSecrets is atomic upstream.
        {
            "v1", "ServiceAccount",
            """{"metadata":{"name":"sa"},"secrets":[{"name":"t1"}],"imagePullSecrets":[{"name":"p1"}]}""",
            """{"secrets":[{"name":"t2"}],"imagePullSecrets":[{"name":"p2"}]}""",
            """{"metadata":{"name":"sa"},"secrets":[{"name":"t2"},{"name":"t1"}],"imagePullSecrets":[{"name":"p2"}]}"""
        },
        // Service.spec.ports merges by port; the patch's order wins, server-only items interleave by live position.
        {
            "v1", "Service",
            """{"spec":{"ports":[{"port":80,"name":"http","targetPort":8080},{"port":443,"name":"https"}],"selector":{"a":"b"}}}""",
            """{"spec":{"ports":[{"port":80,"targetPort":9090},{"port":8443,"name":"alt"}],"selector":{"c":"d"}}}""",
            """{"spec":{"ports":[{"port":80,"name":"http","targetPort":9090},{"port":8443,"name":"alt"},{"port":443,"name":"https"}],"selector":{"a":"b","c":"d"}}}"""
        },
        // Endpoints subsets are atomic.
        {
            "v1", "Endpoints",
            """{"subsets":[{"addresses":[{"ip":"127.0.0.1"}],"ports":[{"port":1}]}]}""",
            """{"subsets":[{"addresses":[{"ip":"127.0.0.2"}]}]}""",
            """{"subsets":[{"addresses":[{"ip":"127.0.0.2"}]}]}"""
        },
        // Map-level $patch: replace, and delete (which leaves an empty map, as upstream).
        {
            "v1", "ConfigMap",
            """{"metadata":{"name":"c","labels":{"a":"1","b":"2"}},"data":{"k":"v"}}""",
            """{"metadata":{"labels":{"$patch":"replace","z":"9"}},"data":{"$patch":"delete"}}""",
            """{"metadata":{"name":"c","labels":{"z":"9"}},"data":{}}"""
        },
        // Unknown lists of a built-in kind are replaced, as upstream.
        {
            "v1", "Event",
            """{"involvedObject":{"kind":"Secret"},"series":{"count":1},"related":[1,2]}""",
            """{"related":[3],"series":{"count":2}}""",
            """{"involvedObject":{"kind":"Secret"},"series":{"count":2},"related":[3]}"""
        },
        {
            "v1", "Namespace",
            """{"metadata":{"name":"n"},"status":{"conditions":[{"type":"A","status":"True"},{"type":"B","status":"False"}]}}""",
            """{"status":{"conditions":[{"type":"B","status":"True"}]}}""",
            """{"metadata":{"name":"n"},"status":{"conditions":[{"type":"A","status":"True"},{"type":"B","status":"True"}]}}"""
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Built_in_kinds_merge_by_their_upstream_patch_metadata(string apiVersion, string kind, string target, string patch, string expected)
    {
        var result = StrategicMergePatch.Apply(JsonNode.Parse(target)!, JsonNode.Parse(patch)!, apiVersion, kind);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), result), result.ToJsonString());
    }

    public static TheoryData<string, string> DeploymentCases => new()
    {
        // kubectl apply changing one container's image: merge by name, order kept.
        {
            """{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"app"},{"name":"side"}],"containers":[{"image":"app:2","name":"app"}]}}}}""",
            """$.spec.template.spec.containers=[{"name":"app","image":"app:2","env":[{"name":"A","value":"1"},{"name":"B","value":"2"}],"envFrom":[{"secretRef":{"name":"s1"}}],"ports":[{"containerPort":80,"protocol":"TCP"}],"volumeMounts":[{"name":"cfg","mountPath":"/etc/cfg"}],"args":["--a"]},{"name":"side","image":"side:1"}]"""
        },
        // kubectl apply dropping a container: $patch delete element and the new order.
        {
            """{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"app"}],"containers":[{"$patch":"delete","name":"side"}]}}}}""",
            """$.spec.template.spec.containers[*].name=["app"]"""
        },
        // New container appended, then ordered first by $setElementOrder.
        {
            """{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"new"},{"name":"app"},{"name":"side"}],"containers":[{"name":"new","image":"n:1"}]}}}}""",
            """$.spec.template.spec.containers[*].name=["new","app","side"]"""
        },
        // Server-only elements interleave by their live position; new ones go before them.
        {
            """{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"app"},{"name":"extra"}],"containers":[{"name":"extra","image":"e:1"}]}}}}""",
            """$.spec.template.spec.containers[*].name=["app","extra","side"]"""
        },
        // env merges by name, with delete by directive.
        {
            """{"spec":{"template":{"spec":{"containers":[{"name":"app","env":[{"name":"B","value":"3"},{"name":"C","value":"4"},{"$patch":"delete","name":"A"}]}]}}}}""",
            """$.spec.template.spec.containers[0].env=[{"name":"B","value":"3"},{"name":"C","value":"4"}]"""
        },
        // envFrom and args are atomic.
        {
            """{"spec":{"template":{"spec":{"containers":[{"name":"app","envFrom":[{"configMapRef":{"name":"c"}}],"args":["--b"]}]}}}}""",
            """$.spec.template.spec.containers[0].envFrom=[{"configMapRef":{"name":"c"}}]"""
        },
        // ports merge by containerPort.
        {
            """{"spec":{"template":{"spec":{"containers":[{"name":"app","ports":[{"containerPort":80,"name":"http"},{"containerPort":9090}]}]}}}}""",
            """$.spec.template.spec.containers[0].ports=[{"containerPort":80,"protocol":"TCP","name":"http"},{"containerPort":9090}]"""
        },
        // volumeMounts merge by mountPath.
        {
            """{"spec":{"template":{"spec":{"containers":[{"name":"app","volumeMounts":[{"mountPath":"/etc/cfg","readOnly":true},{"name":"x","mountPath":"/x"}]}]}}}}""",
            """$.spec.template.spec.containers[0].volumeMounts=[{"name":"cfg","mountPath":"/etc/cfg","readOnly":true},{"name":"x","mountPath":"/x"}]"""
        },
        // volumes merge by name; $retainKeys switches the volume source.
        {
            """{"spec":{"template":{"spec":{"volumes":[{"$retainKeys":["configMap","name"],"configMap":{"name":"c"},"name":"cfg"}]}}}}""",
            """$.spec.template.spec.volumes=[{"name":"cfg","configMap":{"name":"c"}}]"""
        },
        // Deployment strategy uses $retainKeys when switching to Recreate.
        {
            """{"spec":{"strategy":{"$retainKeys":["type"],"rollingUpdate":null,"type":"Recreate"}}}""",
            """$.spec.strategy={"type":"Recreate"}"""
        },
        // initContainers merge by name.
        {
            """{"spec":{"template":{"spec":{"initContainers":[{"name":"init","image":"init:2"},{"name":"second","image":"s:1"}]}}}}""",
            """$.spec.template.spec.initContainers=[{"name":"init","image":"init:2"},{"name":"second","image":"s:1"}]"""
        },
        // Delete directives act before merges, whatever their position (apimachinery order).
        {
            """{"spec":{"template":{"spec":{"containers":[{"name":"side","image":"side:9"},{"$patch":"delete","name":"side"}]}}}}""",
            """$.spec.template.spec.containers[1]={"name":"side","image":"side:9"}"""
        },
        // A {"$patch":"replace"} element replaces the whole list.
        {
            """{"spec":{"template":{"spec":{"containers":[{"name":"only","image":"o:1"},{"$patch":"replace"}]}}}}""",
            """$.spec.template.spec.containers=[{"name":"only","image":"o:1"}]"""
        },
        // The pod template's labels are a plain map.
        {
            """{"spec":{"template":{"metadata":{"labels":{"tier":"fe"}}}}}""",
            """$.spec.template.metadata.labels={"app":"web","tier":"fe"}"""
        },
    };

    [Theory]
    [MemberData(nameof(DeploymentCases))]
    public void Deployment_pod_template_lists_merge_like_kubectl_expects(string patch, string expectation)
    {
        var result = StrategicMergePatch.Apply(JsonNode.Parse(Deployment)!, JsonNode.Parse(patch)!, "apps/v1", "Deployment");
        var (path, expected) = (expectation[..expectation.IndexOf('=', StringComparison.Ordinal)], expectation[(expectation.IndexOf('=', StringComparison.Ordinal) + 1)..]);
        var actual = Select(result, path);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), actual?.ToJsonString());
    }

    [Fact]
    public void Pods_use_the_same_pod_spec_rules_at_spec()
    {
        var pod = JsonNode.Parse("""{"spec":{"containers":[{"name":"a","image":"a:1"},{"name":"b","image":"b:1"}]}}""")!;
        var result = StrategicMergePatch.Apply(pod, JsonNode.Parse("""{"spec":{"containers":[{"name":"b","image":"b:2"}]}}""")!, "v1", "Pod");
        Assert.Equal("""{"spec":{"containers":[{"name":"a","image":"a:1"},{"name":"b","image":"b:2"}]}}""", result.ToJsonString());
    }

    [Theory]
    [InlineData("bitnami.com/v1alpha1", "SealedSecret")]
    [InlineData("external-secrets.io/v1", "ExternalSecret")]
    public void Custom_resources_are_refused_with_415_listing_the_accepted_patch_types(string apiVersion, string kind)
    {
        var error = Assert.Throws<PatchException>(() => StrategicMergePatch.Apply(JsonNode.Parse("{}")!, JsonNode.Parse("{}")!, apiVersion, kind));
        Assert.Equal(415, error.StatusCode);
        Assert.Equal("UnsupportedMediaType", error.Reason);
        Assert.Equal(
            "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml",
            error.Message);
    }

    [Theory]
    [InlineData("""[]""")]
    [InlineData("""{"spec":{"template":{"spec":{"containers":[{"image":"no-name"}]}}}}""")]
    [InlineData("""{"spec":{"template":{"spec":{"containers":["x"]}}}}""")]
    [InlineData("""{"metadata":{"$deleteFromPrimitiveList/finalizers":"a"}}""")]
    [InlineData("""{"spec":{"$patch":7}}""")]
    [InlineData("""{"spec":{"$patch":"frobnicate"}}""")]
    [InlineData("""{"spec":{"$patch":"merge","replicas":2}}""")]
    [InlineData("""{"spec":{"$setElementOrder/containers":{"name":"app"}}}""")]
    [InlineData("""{"spec":{"strategy":{"$retainKeys":["type"],"rollingUpdate":{"maxSurge":2}}}}""")]
    public void Malformed_strategic_patches_are_bad_requests(string patch)
    {
        var error = Assert.Throws<PatchException>(() => StrategicMergePatch.Apply(JsonNode.Parse(Deployment)!, JsonNode.Parse(patch)!, "apps/v1", "Deployment"));
        Assert.Equal(400, error.StatusCode);
    }

    [Fact]
    public void The_target_is_not_modified()
    {
        var target = JsonNode.Parse(Deployment)!;
        var before = target.ToJsonString();
        StrategicMergePatch.Apply(target, JsonNode.Parse("""{"spec":{"replicas":3,"template":{"spec":{"containers":[{"name":"app","image":"x"}]}}}}""")!, "apps/v1", "Deployment");
        Assert.Equal(before, target.ToJsonString());
    }

    /// <summary>Tiny path selector for expectations: $.a.b[0].c or $.a.list[*].name.</summary>
    private static JsonNode? Select(JsonNode root, string path)
    {
        JsonNode? node = root;
        foreach (var part in path[2..].Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            var name = bracket < 0 ? part : part[..bracket];
            node = node?[name];
            if (bracket < 0)
            {
                continue;
            }

            var index = part[(bracket + 1)..^1];
            if (index == "*")
            {
                var rest = path[(path.IndexOf("[*].", StringComparison.Ordinal) + 4)..];
                return new JsonArray(node!.AsArray().Select(item => item![rest]?.DeepClone()).ToArray());
            }

            node = node?[int.Parse(index, System.Globalization.CultureInfo.InvariantCulture)];
        }

        return node;
    }
}
