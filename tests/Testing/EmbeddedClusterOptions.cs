namespace Sigil.Testing;

/// <summary>How an <see cref="EmbeddedCluster"/> stores its objects.</summary>
public sealed class EmbeddedClusterOptions
{
    /// <summary>Use SQLite in the cluster's temp directory instead of memory (restart and durability tests).</summary>
    public bool Durable { get; init; }

    /// <summary>Reuse this data directory (e.g. to restart a durable cluster); a temp directory otherwise.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Clock for the server (tokens, timestamps); the system clock by default.</summary>
    public TimeProvider? TimeProvider { get; init; }

    /// <summary>Minor version reported on /version; the machine's kubectl dispatcher then runs the matching kubectl (e.g. "29", "33").</summary>
    public string? KubernetesMinor { get; init; }

    /// <summary>Watch events retained for resume; small values make 410 Expired easy to provoke.</summary>
    public int WatchHistory { get; init; } = 10_000;
}
