using System.Net;
using Microsoft.Extensions.Logging;

namespace Kube.ApiServer.Hosting;

/// <summary>How to run the embedded API server. Loopback only: it is a development and test server.</summary>
public sealed class ApiServerOptions
{
    /// <summary>Directory for the SQLite database, CA, serving cert, token, signing key and kubeconfig. Null = nothing on disk.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Keep objects in memory only (tests). With a data directory, TLS material and kubeconfig are still written there.</summary>
    public bool InMemory { get; init; }

    /// <summary>Port to listen on; 0 picks a free port.</summary>
    public int Port { get; init; }

    /// <summary>Listen address; must be a loopback address.</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>Where to write the kubeconfig; defaults to <c>DataDirectory/kubeconfig</c> when a data directory is set.</summary>
    public string? KubeconfigPath { get; init; }

    /// <summary>Watch events kept for resume; older resourceVersions get 410 Expired.</summary>
    public int WatchHistory { get; init; } = 10_000;

    /// <summary>Minor version reported on <c>/version</c> (kubectl's dispatcher picks its bundled kubectl by it).</summary>
    public string KubernetesMinor { get; init; } = ServerInfo.Minor;

    /// <summary>Core v1 Events older than this are deleted (upstream <c>--event-ttl</c>).</summary>
    public TimeSpan EventTtl { get; init; } = TimeSpan.FromHours(1);

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public ILoggerFactory? LoggerFactory { get; init; }
}
