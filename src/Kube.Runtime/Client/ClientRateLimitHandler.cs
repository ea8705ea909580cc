using Kube.Runtime.Queue;

namespace Kube.Runtime.Client;

/// <summary>
/// Client-side throttling for the Kubernetes client (client-go's QPS/burst token bucket, behind
/// Sealed Secrets' <c>--kubeclient-qps</c>/<c>--kubeclient-burst</c> and ESO's <c>--client-qps</c>/<c>--client-burst</c>).
/// One instance shared by every request of a client: <c>new Kubernetes(config, new ClientRateLimitHandler(qps, burst, time))</c>.
/// A request waits for its token; tokens are reserved in order, so a burst is spread at <c>qps</c>.
/// </summary>
public sealed class ClientRateLimitHandler : DelegatingHandler
{
    private readonly BucketRateLimiter<int> _bucket;
    private readonly TimeProvider _time;

    public ClientRateLimitHandler(double qps, int burst, TimeProvider time)
    {
        _bucket = new BucketRateLimiter<int>(qps, burst, time);
        _time = time;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var delay = _bucket.NextDelay(0);
        if (delay > TimeSpan.Zero)
        {
            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
