using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kube.ApiServer.Patching;

/// <summary>
/// One <c>metadata.managedFields</c> entry (meta/v1 ManagedFieldsEntry) with its field set decoded.
/// Identity follows the apiserver's manager identifier: Apply entries are one per
/// (manager, subresource); Update entries one per (manager, apiVersion, subresource).
/// </summary>
internal sealed class ManagerEntry
{
    public const string Apply = "Apply";
    public const string Update = "Update";

    public required string Manager { get; init; }

    public required string Operation { get; init; }

    public required string ApiVersion { get; set; }

    public string? Time { get; set; }

    public string? Subresource { get; init; }

    public FieldSet Fields { get; set; } = new();

    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public bool Is(string manager, string operation, string apiVersion, string? subresource) =>
        Manager == manager
        && Operation == operation
        && (operation == Apply || ApiVersion == apiVersion)
        && (Subresource ?? string.Empty) == (subresource ?? string.Empty);

    /// <summary>Decodes managedFields; null when absent, empty, or not decodable.</summary>
    public static List<ManagerEntry>? Parse(JsonNode? managedFields)
    {
        if (managedFields is not JsonArray { Count: > 0 } list)
        {
            return null;
        }

        var entries = new List<ManagerEntry>();
        foreach (var item in list)
        {
            if (item is not JsonObject entry)
            {
                return null;
            }

            if (entry.Count == 0)
            {
                continue;
            }

            var type = Text(entry, "fieldsType");
            if (type is not null && type != "FieldsV1")
            {
                return null;
            }

            entries.Add(new ManagerEntry
            {
                Manager = Text(entry, "manager") ?? string.Empty,
                Operation = Text(entry, "operation") ?? Update,
                ApiVersion = Text(entry, "apiVersion") ?? string.Empty,
                Time = Text(entry, "time"),
                Subresource = Text(entry, "subresource"),
                Fields = FieldSet.FromFieldsV1(entry["fieldsV1"] as JsonObject),
            });
        }

        return entries;
    }

    /// <summary>True for the "reset" request [{}]: the client asks to drop managedFields entirely.</summary>
    public static bool IsReset(JsonNode? managedFields) =>
        managedFields is JsonArray { Count: > 0 } list && list.All(i => i is JsonObject { Count: 0 });

    /// <summary>Encodes entries in the apiserver's order: operation, time, manager, apiVersion, subresource.</summary>
    public static JsonArray Encode(IEnumerable<ManagerEntry> entries)
    {
        var sorted = entries
            .Where(e => !e.Fields.IsEmpty)
            .OrderBy(e => e.Operation, StringComparer.Ordinal)
            .ThenBy(e => e.Time is null ? DateTimeOffset.MinValue : DateTimeOffset.Parse(e.Time, CultureInfo.InvariantCulture))
            .ThenBy(e => e.Manager, StringComparer.Ordinal)
            .ThenBy(e => e.ApiVersion, StringComparer.Ordinal)
            .ThenBy(e => e.Subresource ?? string.Empty, StringComparer.Ordinal);

        var result = new JsonArray();
        foreach (var entry in sorted)
        {
            var json = new JsonObject
            {
                ["manager"] = entry.Manager,
                ["operation"] = entry.Operation,
                ["apiVersion"] = entry.ApiVersion,
            };
            if (entry.Time is not null)
            {
                json["time"] = entry.Time;
            }

            json["fieldsType"] = "FieldsV1";
            json["fieldsV1"] = entry.Fields.ToFieldsV1();
            if (!string.IsNullOrEmpty(entry.Subresource))
            {
                json["subresource"] = entry.Subresource;
            }

            result.Add(json);
        }

        return result;
    }

    /// <summary>How conflict messages name a manager: <c>"kubectl"</c> or <c>"kubectl-create" using v1</c>.</summary>
    public string Describe() => Operation == Update
        ? $"{JsonSerializer.Serialize(Manager)} using {ApiVersion}"
        : JsonSerializer.Serialize(Manager);

    private static string? Text(JsonObject entry, string name) =>
        entry[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
