using System.Text.Json;
using SealedSecrets.Api.Serialization;

namespace SealedSecrets.Api.Tests;

public sealed class SerializationTests
{
    [Fact]
    public void Fields_are_written_in_upstreams_order_and_encrypted_data_is_always_present()
    {
        var json = JsonSerializer.Serialize(new SealedSecret { Metadata = new() { Name = "a", NamespaceProperty = "ns" } }, SealedSecretsJsonContext.Default.SealedSecret);

        Assert.StartsWith("{\"kind\":\"SealedSecret\",\"apiVersion\":\"bitnami.com/v1alpha1\",\"metadata\":", json, StringComparison.Ordinal);
        Assert.EndsWith("\"spec\":{\"template\":{},\"encryptedData\":{}}}", json, StringComparison.Ordinal);
    }

    [Fact]
    public void The_type_carries_its_resource_names_for_generic_clients()
    {
        var entity = (k8s.Models.KubernetesEntityAttribute)Attribute.GetCustomAttribute(typeof(SealedSecret), typeof(k8s.Models.KubernetesEntityAttribute))!;

        Assert.Equal(("bitnami.com", "v1alpha1", "SealedSecret", "sealedsecrets"), (entity.Group, entity.ApiVersion, entity.Kind, entity.PluralName));
    }

    [Fact]
    public void Non_string_encrypted_data_entries_are_dropped_and_the_rest_kept()
    {
        const string json = """{"apiVersion":"bitnami.com/v1alpha1","kind":"SealedSecret","metadata":{"name":"a"},"spec":{"encryptedData":{"good":"AgA=","bad":42,"worse":{"x":1}}}}""";

        var sealedSecret = JsonSerializer.Deserialize(json, SealedSecretsJsonContext.Default.SealedSecret)!;

        Assert.Equal(["good"], sealedSecret.Spec.EncryptedData.Keys);
    }

    [Fact]
    public void An_explicit_empty_legacy_data_field_is_not_null()
    {
        var withEmpty = JsonSerializer.Deserialize("""{"spec":{"data":""}}""", SealedSecretsJsonContext.Default.SealedSecret)!;
        var without = JsonSerializer.Deserialize("""{"spec":{}}""", SealedSecretsJsonContext.Default.SealedSecret)!;

        Assert.NotNull(withEmpty.Spec.Data);
        Assert.Null(without.Spec.Data);
    }

    [Fact]
    public void Status_conditions_round_trip_with_kubernetes_times()
    {
        var sealedSecret = new SealedSecret
        {
            Status = new()
            {
                ObservedGeneration = 3,
                Conditions = [new() { Status = "False", Message = "no key could decrypt secret (a)", LastUpdateTime = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero) }],
            },
        };

        var json = JsonSerializer.Serialize(sealedSecret, SealedSecretsJsonContext.Default.SealedSecret);
        var back = JsonSerializer.Deserialize(json, SealedSecretsJsonContext.Default.SealedSecret)!;

        Assert.Contains("\"lastUpdateTime\":\"2026-01-02T03:04:05Z\"", json, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"Synced\"", json, StringComparison.Ordinal);
        Assert.Equal(3, back.Status!.ObservedGeneration);
        Assert.Equal("False", back.Status.Conditions![0].Status);
    }
}
