using System.Globalization;
using System.Reflection;
using k8s.Models;

namespace Kube.Runtime.Informers;

/// <summary>
/// Where a kind lives in the API: <c>/api/v1/...</c> for the core group, <c>/apis/{group}/{version}/...</c>
/// otherwise (kube-api.md §6). The collection path without a namespace lists across all namespaces
/// for namespaced kinds and is the only path for cluster-scoped ones.
/// </summary>
public sealed record ResourceType(string Group, string Version, string Plural, string Kind)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    public string CollectionPath(string? @namespace)
    {
        var root = Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}";
        return string.IsNullOrEmpty(@namespace)
            ? $"{root}/{Plural}"
            : string.Create(CultureInfo.InvariantCulture, $"{root}/namespaces/{Uri.EscapeDataString(@namespace)}/{Plural}");
    }

    /// <summary>Reads the client's <see cref="KubernetesEntityAttribute"/> (present on every built-in model).</summary>
    public static ResourceType For<T>() => For(typeof(T));

    public static ResourceType For(Type type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var entity = type.GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new InvalidOperationException(
                $"{type.Name} has no [KubernetesEntity] attribute: set InformerOptions.Resource to its group, version, plural and kind.");
        if (string.IsNullOrEmpty(entity.PluralName) || string.IsNullOrEmpty(entity.ApiVersion) || string.IsNullOrEmpty(entity.Kind))
        {
            throw new InvalidOperationException(
                $"{type.Name}'s [KubernetesEntity] attribute must set ApiVersion, Kind and PluralName.");
        }

        return new ResourceType(entity.Group ?? string.Empty, entity.ApiVersion, entity.PluralName, entity.Kind);
    }
}
