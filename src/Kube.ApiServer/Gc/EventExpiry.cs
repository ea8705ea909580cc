using System.Globalization;
using Kube.ApiServer.Http;
using Kube.ApiServer.Resources;

namespace Kube.ApiServer.Gc;

/// <summary>
/// Core v1 Events expire after a TTL (upstream kube-apiserver's <c>--event-ttl</c>, default 1 h) so
/// controllers that record events do not grow the database without bound.
/// </summary>
internal sealed class EventExpiry(ObjectService objects, TimeProvider time, TimeSpan ttl)
{
    public static readonly TimeSpan DefaultTtl = TimeSpan.FromHours(1);

    public async Task RunAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(1), time);
        while (await timer.WaitForNextTickAsync(ct))
        {
            await ExpireAsync(ct);
        }
    }

    internal async Task ExpireAsync(CancellationToken ct)
    {
        var rt = objects.Registry.FindStorage("/events");
        if (rt is null)
        {
            return;
        }

        var cutoff = time.GetUtcNow() - ttl;
        foreach (var e in objects.Store.List(rt.StorageKey, null, out _))
        {
            var obj = JsonObjects.ParseStored(e.Json);
            var stamp = JsonObjects.Str(obj, "lastTimestamp") ?? JsonObjects.Str(obj, "eventTime")
                ?? JsonObjects.Str(JsonObjects.Metadata(obj), "creationTimestamp");
            if (stamp is null || !DateTimeOffset.TryParse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) || at > cutoff)
            {
                continue;
            }

            try
            {
                await objects.DeleteAsync(rt, e.Namespace, e.Name, new DeleteRequest(null, e.Uid, null, DryRun: false), ct);
            }
            catch (ApiException)
            {
                // Already gone or replaced: nothing to expire.
            }
        }
    }
}
