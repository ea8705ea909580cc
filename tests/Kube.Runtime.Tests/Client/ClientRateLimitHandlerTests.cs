using System.Net;
using Kube.Runtime.Client;
using Microsoft.Extensions.Time.Testing;

namespace Kube.Runtime.Tests.Client;

public sealed class ClientRateLimitHandlerTests
{
    private sealed class Ok : HttpMessageHandler
    {
        public int Sent;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Sent);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }

    [Fact]
    public async Task Requests_beyond_the_burst_wait_for_tokens_at_the_configured_rate()
    {
        var time = new FakeTimeProvider();
        var inner = new Ok();
        using var client = new HttpClient(new ClientRateLimitHandler(qps: 2, burst: 2, time) { InnerHandler = inner });
        var uri = new Uri("http://127.0.0.1/");

        await client.GetAsync(uri);
        await client.GetAsync(uri);
        var third = client.GetAsync(uri);
        var fourth = client.GetAsync(uri);
        await Task.Delay(20);
        Assert.Equal(2, inner.Sent);

        time.Advance(TimeSpan.FromMilliseconds(500));
        await third.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(3, inner.Sent);
        Assert.False(fourth.IsCompleted);

        time.Advance(TimeSpan.FromMilliseconds(500));
        await fourth.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(4, inner.Sent);
    }
}
