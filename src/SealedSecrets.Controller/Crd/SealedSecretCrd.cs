using System.Collections;
using System.Reflection;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;
using SealedSecrets.Api;

namespace SealedSecrets.Controller.Crd;

/// <summary>
/// Generates the SealedSecret CustomResourceDefinition from the model classes (their JSON names and
/// types), with upstream's shape (<c>schema-v1alpha1.yaml</c>, reference §1.3): namespaced, status
/// subresource, printer columns Status / Synced / Age, <c>spec.encryptedData</c> required and
/// lenient, template metadata kept as-is. <c>deploy/crds/</c> holds its output; a test fails when
/// the committed file is stale.
/// </summary>
public static class SealedSecretCrd
{
    /// <summary>Where the generated file lives, relative to the repository root.</summary>
    public const string RelativePath = "deploy/crds/bitnami.com_sealedsecrets.yaml";

    public static V1CustomResourceDefinition Build()
    {
        var spec = ObjectSchema(typeof(SealedSecretSpec));
        spec.Required = ["encryptedData"];
        var status = ObjectSchema(typeof(SealedSecretStatus));
        status.XKubernetesPreserveUnknownFields = true;
        return new V1CustomResourceDefinition
        {
            ApiVersion = "apiextensions.k8s.io/v1",
            Kind = "CustomResourceDefinition",
            Metadata = new V1ObjectMeta { Name = SealedSecretResource.CrdName },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = SealedSecretResource.Group,
                Scope = "Namespaced",
                Names = new V1CustomResourceDefinitionNames
                {
                    Kind = SealedSecretResource.Kind,
                    ListKind = SealedSecretResource.ListKind,
                    Plural = SealedSecretResource.Plural,
                    Singular = SealedSecretResource.Singular,
                },
                Versions =
                [
                    new V1CustomResourceDefinitionVersion
                    {
                        Name = SealedSecretResource.Version,
                        Served = true,
                        Storage = true,
                        Subresources = new V1CustomResourceSubresources { Status = new object() },
                        AdditionalPrinterColumns =
                        [
                            new V1CustomResourceColumnDefinition { Name = "Status", Type = "string", JsonPath = ".status.conditions[0].message" },
                            new V1CustomResourceColumnDefinition { Name = "Synced", Type = "string", JsonPath = ".status.conditions[0].status" },
                            new V1CustomResourceColumnDefinition { Name = "Age", Type = "date", JsonPath = ".metadata.creationTimestamp" },
                        ],
                        Schema = new V1CustomResourceValidation
                        {
                            OpenAPIV3Schema = new V1JSONSchemaProps
                            {
                                Type = "object",
                                Description = "SealedSecret is the K8s representation of a \"sealed Secret\": a regular k8s Secret that has been sealed (encrypted) using the controller's key.",
                                Required = ["spec"],
                                Properties = new Dictionary<string, V1JSONSchemaProps>
                                {
                                    ["apiVersion"] = new() { Type = "string" },
                                    ["kind"] = new() { Type = "string" },
                                    ["metadata"] = new() { Type = "object" },
                                    ["spec"] = spec,
                                    ["status"] = status,
                                },
                            },
                        },
                    },
                ],
            },
        };
    }

    /// <summary>The CRD as the YAML committed under <see cref="RelativePath"/>.</summary>
    public static string ToYaml() =>
        "# Generated from the SealedSecrets.Api model by SealedSecrets.Controller.Crd.SealedSecretCrd; do not edit.\n" + KubernetesYaml.Serialize(Build());

    private static V1JSONSchemaProps ObjectSchema(Type type)
    {
        var properties = new Dictionary<string, V1JSONSchemaProps>(StringComparer.Ordinal);
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<JsonPropertyNameAttribute>() is not { } name)
            {
                continue;
            }
            var schema = Schema(property.PropertyType);
            var nullable = Nullable.GetUnderlyingType(property.PropertyType) is not null
                || new NullabilityInfoContext().Create(property).ReadState == NullabilityState.Nullable;
            if (nullable && schema.Type is "object" or "array")
            {
                schema.Nullable = true;
            }
            properties[name.Name] = schema;
        }
        // Upstream keeps unknown keys in encryptedData and template metadata (preserve-unknown-fields).
        if (properties.TryGetValue("encryptedData", out var encrypted))
        {
            encrypted.AdditionalProperties = null;
            encrypted.XKubernetesPreserveUnknownFields = true;
        }
        return new V1JSONSchemaProps { Type = "object", Properties = properties };
    }

    private static V1JSONSchemaProps Schema(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string))
        {
            return new() { Type = "string" };
        }
        if (type == typeof(bool))
        {
            return new() { Type = "boolean" };
        }
        if (type == typeof(long) || type == typeof(int))
        {
            return new() { Type = "integer", Format = type == typeof(long) ? "int64" : "int32" };
        }
        if (type == typeof(byte[]))
        {
            return new() { Type = "string", Format = "byte" };
        }
        if (type == typeof(DateTimeOffset) || type == typeof(DateTime))
        {
            return new() { Type = "string", Format = "date-time" };
        }
        if (type == typeof(V1ObjectMeta))
        {
            return new() { Type = "object", XKubernetesPreserveUnknownFields = true };
        }
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            return new() { Type = "object", AdditionalProperties = Schema(type.GetGenericArguments()[1]) };
        }
        if (type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type))
        {
            return new() { Type = "array", Items = Schema(type.GetGenericArguments()[0]) };
        }
        return ObjectSchema(type);
    }
}
