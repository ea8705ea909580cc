namespace Kube.ApiServer.Protobuf;

/// <summary>
/// Field numbers of the messages kubectl's generator commands send, read from the generated.proto
/// files of k8s.io/apimachinery (runtime, meta/v1) and k8s.io/api (core/v1, authentication/v1,
/// authorization/v1). Field order here is declaration order in those files.
/// </summary>
internal static class ProtoSchemas
{
    // k8s.io/apimachinery/pkg/runtime: TypeMeta and Unknown (the envelope after the "k8s\0" magic).
    public static readonly ProtoMessage TypeMeta = new(
        "runtime.TypeMeta",
        new ProtoField(1, "apiVersion", ProtoKind.String),
        new ProtoField(2, "kind", ProtoKind.String));

    public static readonly ProtoMessage Unknown = new(
        "runtime.Unknown",
        new ProtoField(1, "typeMeta", ProtoKind.Message, TypeMeta),
        new ProtoField(2, "raw", ProtoKind.Bytes),
        new ProtoField(3, "contentEncoding", ProtoKind.String),
        new ProtoField(4, "contentType", ProtoKind.String));

    // k8s.io/apimachinery/pkg/apis/meta/v1
    public static readonly ProtoMessage OwnerReference = new(
        "meta.v1.OwnerReference",
        new ProtoField(5, "apiVersion", ProtoKind.String),
        new ProtoField(1, "kind", ProtoKind.String),
        new ProtoField(3, "name", ProtoKind.String),
        new ProtoField(4, "uid", ProtoKind.String),
        new ProtoField(6, "controller", ProtoKind.Bool, KeepZero: true),
        new ProtoField(7, "blockOwnerDeletion", ProtoKind.Bool, KeepZero: true));

    public static readonly ProtoMessage ManagedFieldsEntry = new(
        "meta.v1.ManagedFieldsEntry",
        new ProtoField(1, "manager", ProtoKind.String),
        new ProtoField(2, "operation", ProtoKind.String),
        new ProtoField(3, "apiVersion", ProtoKind.String),
        new ProtoField(4, "time", ProtoKind.Time),
        new ProtoField(6, "fieldsType", ProtoKind.String),
        new ProtoField(7, "fieldsV1", ProtoKind.FieldsV1),
        new ProtoField(8, "subresource", ProtoKind.String));

    public static readonly ProtoMessage ObjectMeta = new(
        "meta.v1.ObjectMeta",
        new ProtoField(1, "name", ProtoKind.String),
        new ProtoField(2, "generateName", ProtoKind.String),
        new ProtoField(3, "namespace", ProtoKind.String),
        new ProtoField(4, "selfLink", ProtoKind.String),
        new ProtoField(5, "uid", ProtoKind.String),
        new ProtoField(6, "resourceVersion", ProtoKind.String),
        new ProtoField(7, "generation", ProtoKind.Int64),
        new ProtoField(8, "creationTimestamp", ProtoKind.Time),
        new ProtoField(9, "deletionTimestamp", ProtoKind.Time),
        new ProtoField(10, "deletionGracePeriodSeconds", ProtoKind.Int64, KeepZero: true),
        new ProtoField(11, "labels", ProtoKind.MapStringString),
        new ProtoField(12, "annotations", ProtoKind.MapStringString),
        new ProtoField(13, "ownerReferences", ProtoKind.Message, OwnerReference, Repeated: true),
        new ProtoField(14, "finalizers", ProtoKind.String, Repeated: true),
        new ProtoField(17, "managedFields", ProtoKind.Message, ManagedFieldsEntry, Repeated: true));

    // k8s.io/api/core/v1
    public static readonly ProtoMessage Secret = new(
        "core.v1.Secret",
        new ProtoField(1, "metadata", ProtoKind.Message, ObjectMeta),
        new ProtoField(5, "immutable", ProtoKind.Bool, KeepZero: true),
        new ProtoField(2, "data", ProtoKind.MapStringBytes),
        new ProtoField(4, "stringData", ProtoKind.MapStringString),
        new ProtoField(3, "type", ProtoKind.String));

    public static readonly ProtoMessage ConfigMap = new(
        "core.v1.ConfigMap",
        new ProtoField(1, "metadata", ProtoKind.Message, ObjectMeta),
        new ProtoField(4, "immutable", ProtoKind.Bool, KeepZero: true),
        new ProtoField(2, "data", ProtoKind.MapStringString),
        new ProtoField(3, "binaryData", ProtoKind.MapStringBytes));

    public static readonly ProtoMessage NamespaceCondition = new(
        "core.v1.NamespaceCondition",
        new ProtoField(1, "type", ProtoKind.String),
        new ProtoField(2, "status", ProtoKind.String),
        new ProtoField(4, "lastTransitionTime", ProtoKind.Time),
        new ProtoField(5, "reason", ProtoKind.String),
        new ProtoField(6, "message", ProtoKind.String));

    public static readonly ProtoMessage Namespace = new(
        "core.v1.Namespace",
        new ProtoField(1, "metadata", ProtoKind.Message, ObjectMeta),
        new ProtoField(2, "spec", ProtoKind.Message, new ProtoMessage(
            "core.v1.NamespaceSpec",
            new ProtoField(1, "finalizers", ProtoKind.String, Repeated: true))),
        new ProtoField(3, "status", ProtoKind.Message, new ProtoMessage(
            "core.v1.NamespaceStatus",
            new ProtoField(1, "phase", ProtoKind.String),
            new ProtoField(2, "conditions", ProtoKind.Message, NamespaceCondition, Repeated: true))));

    public static readonly ProtoMessage ObjectReference = new(
        "core.v1.ObjectReference",
        new ProtoField(1, "kind", ProtoKind.String),
        new ProtoField(2, "namespace", ProtoKind.String),
        new ProtoField(3, "name", ProtoKind.String),
        new ProtoField(4, "uid", ProtoKind.String),
        new ProtoField(5, "apiVersion", ProtoKind.String),
        new ProtoField(6, "resourceVersion", ProtoKind.String),
        new ProtoField(7, "fieldPath", ProtoKind.String));

    public static readonly ProtoMessage ServiceAccount = new(
        "core.v1.ServiceAccount",
        new ProtoField(1, "metadata", ProtoKind.Message, ObjectMeta),
        new ProtoField(2, "secrets", ProtoKind.Message, ObjectReference, Repeated: true),
        new ProtoField(3, "imagePullSecrets", ProtoKind.Message, new ProtoMessage(
            "core.v1.LocalObjectReference",
            new ProtoField(1, "name", ProtoKind.String)), Repeated: true),
        new ProtoField(4, "automountServiceAccountToken", ProtoKind.Bool, KeepZero: true));

    // k8s.io/api/authentication/v1
    public static readonly ProtoMessage TokenRequest = new(
        "authentication.v1.TokenRequest",
        new ProtoField(1, "metadata", ProtoKind.Message, ObjectMeta),
        new ProtoField(2, "spec", ProtoKind.Message, new ProtoMessage(
            "authentication.v1.TokenRequestSpec",
            new ProtoField(1, "audiences", ProtoKind.String, Repeated: true),
            new ProtoField(4, "expirationSeconds", ProtoKind.Int64, KeepZero: true),
            new ProtoField(3, "boundObjectRef", ProtoKind.Message, new ProtoMessage(
                "authentication.v1.BoundObjectReference",
                new ProtoField(1, "kind", ProtoKind.String),
                new ProtoField(2, "apiVersion", ProtoKind.String),
                new ProtoField(3, "name", ProtoKind.String),
                new ProtoField(4, "uid", ProtoKind.String))))),
        new ProtoField(3, "status", ProtoKind.Message, new ProtoMessage(
            "authentication.v1.TokenRequestStatus",
            new ProtoField(1, "token", ProtoKind.String),
            new ProtoField(2, "expirationTimestamp", ProtoKind.Time))));

    // k8s.io/api/authorization/v1 (fieldSelector/labelSelector since 1.31).
    private static readonly ProtoMessage SelectorRequirement = new(
        "meta.v1.SelectorRequirement",
        new ProtoField(1, "key", ProtoKind.String),
        new ProtoField(2, "operator", ProtoKind.String),
        new ProtoField(3, "values", ProtoKind.String, Repeated: true));

    public static readonly ProtoMessage SelfSubjectAccessReview = new(
        "authorization.v1.SelfSubjectAccessReview",
        new ProtoField(1, "metadata", ProtoKind.Message, ObjectMeta),
        new ProtoField(2, "spec", ProtoKind.Message, new ProtoMessage(
            "authorization.v1.SelfSubjectAccessReviewSpec",
            new ProtoField(1, "resourceAttributes", ProtoKind.Message, new ProtoMessage(
                "authorization.v1.ResourceAttributes",
                new ProtoField(1, "namespace", ProtoKind.String),
                new ProtoField(2, "verb", ProtoKind.String),
                new ProtoField(3, "group", ProtoKind.String),
                new ProtoField(4, "version", ProtoKind.String),
                new ProtoField(5, "resource", ProtoKind.String),
                new ProtoField(6, "subresource", ProtoKind.String),
                new ProtoField(7, "name", ProtoKind.String),
                new ProtoField(8, "fieldSelector", ProtoKind.Message, Selector("authorization.v1.FieldSelectorAttributes")),
                new ProtoField(9, "labelSelector", ProtoKind.Message, Selector("authorization.v1.LabelSelectorAttributes")))),
            new ProtoField(2, "nonResourceAttributes", ProtoKind.Message, new ProtoMessage(
                "authorization.v1.NonResourceAttributes",
                new ProtoField(1, "path", ProtoKind.String),
                new ProtoField(2, "verb", ProtoKind.String))))),
        new ProtoField(3, "status", ProtoKind.Message, new ProtoMessage(
            "authorization.v1.SubjectAccessReviewStatus",
            new ProtoField(1, "allowed", ProtoKind.Bool, KeepZero: true),
            new ProtoField(4, "denied", ProtoKind.Bool),
            new ProtoField(2, "reason", ProtoKind.String),
            new ProtoField(3, "evaluationError", ProtoKind.String))));

    /// <summary>The typed messages we decode, by (apiVersion, kind) from the envelope's TypeMeta.</summary>
    public static ProtoMessage? ForKind(string apiVersion, string kind) => (apiVersion, kind) switch
    {
        ("v1", "Secret") => Secret,
        ("v1", "ConfigMap") => ConfigMap,
        ("v1", "Namespace") => Namespace,
        ("v1", "ServiceAccount") => ServiceAccount,
        ("authentication.k8s.io/v1", "TokenRequest") => TokenRequest,
        ("authorization.k8s.io/v1", "SelfSubjectAccessReview") => SelfSubjectAccessReview,
        _ => null,
    };

    private static ProtoMessage Selector(string name) => new(
        name,
        new ProtoField(1, "rawSelector", ProtoKind.String),
        new ProtoField(2, "requirements", ProtoKind.Message, SelectorRequirement, Repeated: true));
}
