using System.Text.Json.Nodes;
using Kube.ApiServer.Protobuf;

namespace Kube.ApiServer.Tests.Protobuf;

public class KubeProtobufTests
{
    // Bodies real kubectl 1.32.4 sent (see TestData/README.md) and the JSON its JSON mode would carry.
    public static TheoryData<string, string> KubectlBodies => new()
    {
        {
            "kubectl-1.32-create-secret-generic.bin",
            """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"mysecret"},"data":{"a":"Yg==","empty":""},"type":"Opaque"}"""
        },
        {
            "kubectl-1.32-create-configmap.bin",
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"mycm"},"data":{"k":"v"},"binaryData":{"bin":"AAH+/w=="}}"""
        },
        {
            "kubectl-1.32-create-namespace.bin",
            """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"myns"},"spec":{},"status":{}}"""
        },
        {
            "kubectl-1.32-create-serviceaccount.bin",
            """{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"mysa"}}"""
        },
        {
            "kubectl-1.32-create-token.bin",
            """{"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","metadata":{},"spec":{"audiences":["vault","other"],"expirationSeconds":600,"boundObjectRef":{"kind":"Secret","apiVersion":"v1","name":"mysecret","uid":"1234"}},"status":{}}"""
        },
        {
            "kubectl-1.32-auth-can-i.bin",
            """{"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview","metadata":{},"spec":{"resourceAttributes":{"namespace":"default","verb":"get","resource":"secrets"}},"status":{"allowed":false}}"""
        },
    };

    [Theory]
    [MemberData(nameof(KubectlBodies))]
    public void Bodies_captured_from_kubectl_decode_to_the_json_the_json_api_carries(string file, string expected)
    {
        Assert.True(KubeProtobuf.TryDecode(TestData.Read(file), out var obj, out var error), error);
        Assert.Null(error);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), obj), obj!.ToJsonString());
    }

    public static TheoryData<string> RoundTrips => new()
    {
        """{"apiVersion":"v1","kind":"Secret","metadata":{"name":"s","generateName":"g-","namespace":"ns","uid":"u","resourceVersion":"7","creationTimestamp":"2024-05-06T07:08:09Z","labels":{"a":"1","b":""},"annotations":{"x/y":"z"},"ownerReferences":[{"apiVersion":"bitnami.com/v1alpha1","kind":"SealedSecret","name":"s","uid":"o1","controller":true,"blockOwnerDeletion":false}],"finalizers":["f1","f2"]},"immutable":false,"data":{"k":"AAEC"},"stringData":{"p":"plain"},"type":"kubernetes.io/basic-auth"}""",
        """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c","deletionTimestamp":"2030-01-01T00:00:00Z","deletionGracePeriodSeconds":0,"generation":3},"immutable":true,"data":{"k":"v"},"binaryData":{"b":"/w=="}}""",
        """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"n","labels":{"kubernetes.io/metadata.name":"n"}},"spec":{"finalizers":["kubernetes"]},"status":{"phase":"Active","conditions":[{"type":"T","status":"True","lastTransitionTime":"2024-01-01T00:00:00Z","reason":"R","message":"M"}]}}""",
        """{"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"sa","managedFields":[{"manager":"kubectl","operation":"Apply","apiVersion":"v1","time":"2024-01-01T00:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:secrets":{}}}]},"secrets":[{"kind":"Secret","namespace":"ns","name":"t","uid":"u","apiVersion":"v1","resourceVersion":"1","fieldPath":"p"}],"imagePullSecrets":[{"name":"pull"}],"automountServiceAccountToken":false}""",
        """{"apiVersion":"authentication.k8s.io/v1","kind":"TokenRequest","metadata":{"name":"sa","namespace":"ns"},"spec":{"audiences":["a"],"expirationSeconds":3600},"status":{"token":"jwt","expirationTimestamp":"2030-01-01T00:00:00Z"}}""",
        """{"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview","metadata":{},"spec":{"resourceAttributes":{"namespace":"n","verb":"list","group":"g","version":"v","resource":"r","subresource":"s","name":"x","fieldSelector":{"rawSelector":"a=b"},"labelSelector":{"requirements":[{"key":"k","operator":"In","values":["1","2"]}]}},"nonResourceAttributes":{"path":"/healthz","verb":"get"}},"status":{"allowed":true,"denied":true,"reason":"r","evaluationError":"e"}}""",
    };

    [Theory]
    [MemberData(nameof(RoundTrips))]
    public void Every_supported_field_survives_an_encode_decode_round_trip(string json)
    {
        var original = JsonNode.Parse(json)!.AsObject();
        var bytes = KubeProtobuf.Encode(original);

        Assert.True(KubeProtobuf.TryDecode(bytes, out var decoded, out var error), error);
        Assert.True(JsonNode.DeepEquals(original, decoded), decoded!.ToJsonString());
    }

    [Fact]
    public void Our_encoding_of_kubectls_secret_is_byte_compatible_with_its_content()
    {
        // Re-encoding what kubectl sent decodes to the same object (field numbers agree both ways).
        Assert.True(KubeProtobuf.TryDecode(TestData.Read("kubectl-1.32-create-secret-generic.bin"), out var fromKubectl, out _));
        Assert.True(KubeProtobuf.TryDecode(KubeProtobuf.Encode(fromKubectl!), out var again, out _));
        Assert.True(JsonNode.DeepEquals(fromKubectl, again));
    }

    [Fact]
    public void A_body_without_the_magic_prefix_is_refused()
    {
        Assert.False(KubeProtobuf.TryDecode("""{"kind":"Secret"}"""u8, out var obj, out var error));
        Assert.Null(obj);
        Assert.Contains("magic", error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unsupported_kind_is_refused_naming_the_kind()
    {
        var pod = KubeProtobuf.Encode(JsonNode.Parse("""{"apiVersion":"v1","kind":"Secret","metadata":{"name":"p"}}""")!.AsObject());
        // Rewrite the envelope's kind "Secret" to "Podxxx" (same length keeps the lengths valid).
        var text = pod.ToArray();
        var at = IndexOf(text, "Secret"u8.ToArray());
        "Podxxx"u8.ToArray().CopyTo(text, at);

        Assert.False(KubeProtobuf.TryDecode(text, out _, out var error));
        Assert.Contains("v1, Kind=Podxxx", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_body_is_refused_without_echoing_secret_bytes()
    {
        var bytes = TestData.Read("kubectl-1.32-create-secret-generic.bin");
        Assert.False(KubeProtobuf.TryDecode(bytes.AsSpan(0, bytes.Length - 10), out var obj, out var error));
        Assert.Null(obj);
        Assert.NotNull(error);
        Assert.DoesNotContain("Opaque", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gzip_content_encoding_is_refused()
    {
        var bytes = KubeProtobuf.Encode(JsonNode.Parse("""{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"n"}}""")!.AsObject()).ToList();
        // Envelope ends with contentEncoding (tag 0x1a, len 0) and contentType (tag 0x22, len 0): set encoding to "gz".
        var at = bytes.Count - 4;
        Assert.Equal(0x1a, bytes[at]);
        bytes[at + 1] = 2;
        bytes.InsertRange(at + 2, "gz"u8.ToArray());

        Assert.False(KubeProtobuf.TryDecode(bytes.ToArray(), out _, out var error));
        Assert.Contains("contentEncoding", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_garbage_after_the_magic_never_throws()
    {
        var random = new Random(4711);
        for (var i = 0; i < 2000; i++)
        {
            var body = new byte[4 + random.Next(0, 64)];
            random.NextBytes(body);
            "k8s\0"u8.CopyTo(body);

            var ok = KubeProtobuf.TryDecode(body, out var obj, out var error);

            Assert.True(ok ? obj is not null && error is null : obj is null && error is not null);
        }
    }

    [Fact]
    public void Corrupted_kubectl_bodies_are_decoded_or_refused_but_never_throw()
    {
        var random = new Random(4712);
        var original = TestData.Read("kubectl-1.32-create-token.bin");
        for (var i = 0; i < 2000; i++)
        {
            var body = original.ToArray();
            for (var flips = random.Next(1, 4); flips > 0; flips--)
            {
                body[random.Next(4, body.Length)] = (byte)random.Next(256);
            }

            var ok = KubeProtobuf.TryDecode(body, out var obj, out var error);

            Assert.True(ok ? obj is not null && error is null : obj is null && error is not null);
        }
    }

    private static int IndexOf(byte[] haystack, byte[] needle)
    {
        for (var i = 0; i <= haystack.Length - needle.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return i;
            }
        }

        return -1;
    }
}
