namespace Kube.ApiServer.Http;

/// <summary>Media types the server reads and the negotiation rules of reference §2.2, §3.1 and §11.</summary>
internal static class MediaTypes
{
    public const string Json = "application/json";
    public const string JsonPatch = "application/json-patch+json";
    public const string MergePatch = "application/merge-patch+json";
    public const string StrategicMergePatch = "application/strategic-merge-patch+json";
    public const string ApplyPatch = "application/apply-patch+yaml";
    public const string Protobuf = "application/vnd.kubernetes.protobuf";
    public const string Yaml = "application/yaml";
    public const string Table = "application/json;as=Table;v=v1;g=meta.k8s.io";

    /// <summary>The media type without parameters, lower-cased (the C# client adds <c>; charset=utf-8</c>).</summary>
    public static string Essence(string? contentType)
    {
        if (string.IsNullOrEmpty(contentType))
        {
            return string.Empty;
        }

        var semi = contentType.IndexOf(';', StringComparison.Ordinal);
        return (semi >= 0 ? contentType[..semi] : contentType).Trim().ToLowerInvariant();
    }

    public static bool WantsTable(string? accept) =>
        accept is not null && accept.Contains("as=Table", StringComparison.Ordinal) && accept.Contains("g=meta.k8s.io", StringComparison.Ordinal);

    /// <summary>Which aggregated discovery version the client accepts: "v2", "v2beta1" or null for legacy.</summary>
    public static string? AggregatedDiscovery(string? accept)
    {
        if (accept is null || !accept.Contains("as=APIGroupDiscoveryList", StringComparison.Ordinal))
        {
            return null;
        }

        foreach (var part in accept.Split(','))
        {
            if (part.Contains("g=apidiscovery.k8s.io", StringComparison.Ordinal) && part.Contains("as=APIGroupDiscoveryList", StringComparison.Ordinal))
            {
                if (part.Contains("v=v2;", StringComparison.Ordinal) || part.TrimEnd().EndsWith("v=v2", StringComparison.Ordinal))
                {
                    return "v2";
                }
            }
        }

        return accept.Contains("v=v2beta1", StringComparison.Ordinal) ? "v2beta1" : null;
    }

    /// <summary>True when the Accept header rules out JSON entirely (e.g. protobuf only) — answer 406.</summary>
    public static bool RefusesJson(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return false;
        }

        foreach (var part in accept.Split(','))
        {
            var essence = Essence(part);
            if (essence is "application/json" or "*/*" or "application/*" or "application/yaml" or "text/plain" or "application/json-patch+json")
            {
                return false;
            }
        }

        return true;
    }
}
