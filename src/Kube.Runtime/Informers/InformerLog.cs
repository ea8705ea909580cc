using Microsoft.Extensions.Logging;

namespace Kube.Runtime.Informers;

internal static partial class Log
{
    [LoggerMessage(1001, LogLevel.Debug, "Listed {Kind}: {Count} objects at resourceVersion {ResourceVersion}")]
    public static partial void Listed(ILogger logger, string kind, int count, string resourceVersion);

    [LoggerMessage(1002, LogLevel.Information, "Watch of {Kind} expired at resourceVersion {ResourceVersion} ({Reason}); relisting")]
    public static partial void Expired(ILogger logger, string kind, string? resourceVersion, string reason);

    [LoggerMessage(1003, LogLevel.Warning, "List/watch of {Kind} failed; retrying in {Backoff}")]
    public static partial void Failed(ILogger logger, string kind, TimeSpan backoff, Exception exception);

    [LoggerMessage(1004, LogLevel.Warning, "Watch of {Kind} was silent for {Watchdog}; restarting it from resourceVersion {ResourceVersion}")]
    public static partial void WatchdogFired(ILogger logger, string kind, TimeSpan watchdog, string resourceVersion);

    [LoggerMessage(1005, LogLevel.Error, "An event handler of the {Kind} informer failed")]
    public static partial void HandlerFailed(ILogger logger, string kind, Exception exception);
}
