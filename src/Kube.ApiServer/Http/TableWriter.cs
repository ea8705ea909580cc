using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kube.ApiServer.Crd;
using Kube.ApiServer.Resources;

namespace Kube.ApiServer.Http;

/// <summary>
/// <c>meta.k8s.io/v1 Table</c> output (reference §11): upstream's columns for the built-in kinds,
/// CRD <c>additionalPrinterColumns</c> (simple JSONPath) for custom resources, Name/Age otherwise.
/// Row objects are PartialObjectMetadata so kubectl can show namespaces and labels.
/// </summary>
internal static class TableWriter
{
    public static JsonObject Table(ResourceType rt, IReadOnlyList<JsonObject> objects, string rv, string? next, DateTimeOffset now, bool includeColumns)
    {
        var columns = Columns(rt);
        var rows = new JsonArray();
        foreach (var o in objects)
        {
            var meta = JsonObjects.Metadata(o);
            var cells = new JsonArray();
            foreach (var c in columns)
            {
                cells.Add(Cell(rt, c, o, now));
            }

            rows.Add(new JsonObject
            {
                ["cells"] = cells,
                ["object"] = new JsonObject
                {
                    ["kind"] = "PartialObjectMetadata",
                    ["apiVersion"] = "meta.k8s.io/v1",
                    ["metadata"] = WithoutManagedFields(meta),
                },
            });
        }

        var metadata = new JsonObject { ["resourceVersion"] = rv };
        if (next is not null)
        {
            metadata["continue"] = next;
        }

        var table = new JsonObject { ["kind"] = "Table", ["apiVersion"] = "meta.k8s.io/v1", ["metadata"] = metadata };
        if (includeColumns)
        {
            var defs = new JsonArray();
            foreach (var c in columns)
            {
                defs.Add(new JsonObject
                {
                    ["name"] = c.Name,
                    ["type"] = c.Type == "date" ? "string" : c.Type,
                    ["format"] = c.Format,
                    ["description"] = c.Description,
                    ["priority"] = c.Priority,
                });
            }

            table["columnDefinitions"] = defs;
        }
        else
        {
            table["columnDefinitions"] = null;
        }

        table["rows"] = rows;
        return table;
    }

    private static JsonObject WithoutManagedFields(JsonObject meta)
    {
        var copy = (JsonObject)meta.DeepClone();
        copy.Remove("managedFields");
        return copy;
    }

    private static List<PrinterColumn> Columns(ResourceType rt)
    {
        var name = new PrinterColumn("Name", "string", "name", "Name must be unique within a namespace.", 0, ".metadata.name");
        var age = new PrinterColumn("Age", "date", string.Empty, "CreationTimestamp", 0, ".metadata.creationTimestamp");
        if (rt.Crd is not null)
        {
            var list = new List<PrinterColumn> { name };
            list.AddRange(rt.Crd.Columns);
            if (rt.Crd.Columns.Count == 0)
            {
                list.Add(age);
            }

            return list;
        }

        return rt.StorageKey switch
        {
            "/secrets" => [name, Col("Type", ".type"), Col("Data", "#data", "integer"), age],
            "/configmaps" => [name, Col("Data", "#data+binaryData", "integer"), age],
            "/namespaces" => [name, Col("Status", ".status.phase"), age],
            "/serviceaccounts" => [name, Col("Secrets", "#secrets", "integer"), age],
            "/services" => [name, Col("Type", ".spec.type"), Col("Cluster-IP", ".spec.clusterIP"), Col("External-IP", "#externalip"), Col("Port(s)", "#ports"), age],
            "/endpoints" => [name, Col("Endpoints", "#endpoints"), age],
            "/events" => [Col("Last Seen", "#lastseen"), Col("Type", ".type"), Col("Reason", ".reason"), Col("Object", "#involved"), Col("Message", ".message")],
            "/pods" => [name, Col("Status", ".status.phase"), age],
            "apps/deployments" => [name, Col("Ready", "#ready"), Col("Up-to-date", ".status.updatedReplicas", "integer"), Col("Available", ".status.availableReplicas", "integer"), age],
            "coordination.k8s.io/leases" => [name, Col("Holder", ".spec.holderIdentity"), age],
            "apiextensions.k8s.io/customresourcedefinitions" => [name, new PrinterColumn("Created At", "date", string.Empty, string.Empty, 0, ".metadata.creationTimestamp")],
            _ => [name, age],
        };
    }

    private static PrinterColumn Col(string name, string path, string type = "string") => new(name, type, string.Empty, string.Empty, 0, path);

    private static JsonNode? Cell(ResourceType rt, PrinterColumn c, JsonObject o, DateTimeOffset now)
    {
        _ = rt;
        switch (c.JsonPath)
        {
            case "#data":
                return (o["data"] as JsonObject)?.Count ?? 0;
            case "#data+binaryData":
                return ((o["data"] as JsonObject)?.Count ?? 0) + ((o["binaryData"] as JsonObject)?.Count ?? 0);
            case "#secrets":
                return (o["secrets"] as JsonArray)?.Count ?? 0;
            case "#externalip":
                return "<none>";
            case "#ports":
                var ports = (o["spec"]?["ports"] as JsonArray)?.OfType<JsonObject>()
                    .Select(p => $"{p["port"]}/{(string?)p["protocol"] ?? "TCP"}").ToList() ?? [];
                return ports.Count == 0 ? "<none>" : string.Join(",", ports);
            case "#endpoints":
                var eps = (o["subsets"] as JsonArray)?.OfType<JsonObject>().SelectMany(s =>
                    ((s["addresses"] as JsonArray)?.OfType<JsonObject>() ?? []).SelectMany(a =>
                        ((s["ports"] as JsonArray)?.OfType<JsonObject>() ?? []).Select(p => $"{a["ip"]}:{p["port"]}"))).ToList() ?? [];
                return eps.Count == 0 ? "<none>" : string.Join(",", eps);
            case "#lastseen":
                var ts = (string?)o["lastTimestamp"] ?? (string?)o["eventTime"] ?? (string?)o["metadata"]?["creationTimestamp"];
                return ts is null ? "<unknown>" : Age(ts, now);
            case "#involved":
                var io = o["involvedObject"];
                return $"{((string?)io?["kind"])?.ToLowerInvariant()}/{(string?)io?["name"]}";
            case "#ready":
                return $"{o["status"]?["readyReplicas"]?.ToJsonString() ?? "0"}/{o["spec"]?["replicas"]?.ToJsonString() ?? "0"}";
        }

        var value = JsonPathLite.Evaluate(o, c.JsonPath);
        if (value is null)
        {
            return c.Type is "integer" or "number" ? null : c.Type == "date" ? "<unknown>" : string.Empty;
        }

        if (c.Type == "date" && value is JsonValue dv && dv.TryGetValue<string>(out var date))
        {
            return Age(date, now);
        }

        return value switch
        {
            JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
            JsonValue v when c.Type == "string" => v.ToJsonString(),
            JsonValue v => v.DeepClone(),
            _ => value.ToJsonString(),
        };
    }

    /// <summary>Relative age like kubectl's (apimachinery duration.HumanDuration).</summary>
    public static string Age(string timestamp, DateTimeOffset now)
    {
        if (!DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
        {
            return "<invalid>";
        }

        var d = now - t;
        if (d < TimeSpan.Zero)
        {
            d = TimeSpan.Zero;
        }

        var s = (long)d.TotalSeconds;
        if (s < 120)
        {
            return $"{s}s";
        }

        var m = s / 60;
        if (m < 10)
        {
            return s % 60 == 0 ? $"{m}m" : $"{m}m{s % 60}s";
        }

        if (m < 180)
        {
            return $"{m}m";
        }

        var h = m / 60;
        if (h < 8)
        {
            return m % 60 == 0 ? $"{h}h" : $"{h}h{m % 60}m";
        }

        if (h < 48)
        {
            return $"{h}h";
        }

        var days = h / 24;
        if (days < 8)
        {
            return h % 24 == 0 ? $"{days}d" : $"{days}d{h % 24}h";
        }

        return days < 730 ? $"{days}d" : $"{days / 365}y";
    }
}
