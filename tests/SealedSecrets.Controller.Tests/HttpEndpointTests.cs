using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Kube.Runtime.Metrics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SealedSecrets.Api;
using SealedSecrets.Api.Serialization;
using SealedSecrets.Controller.Http;
using SealedSecrets.Controller.Metrics;
using SealedSecrets.Controller.Options;

namespace SealedSecrets.Controller.Tests;

#pragma warning disable CA1001 // Disposed in DisposeAsync (xunit lifetime).
public sealed class HttpEndpointTests : IAsyncLifetime
#pragma warning restore CA1001
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 28, 12, 0, 0, TimeSpan.Zero));
    private readonly RuntimeMetrics _runtime = new();
    private ControllerHttpServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        var registry = TestKeys.Registry(0, 1);
        var options = new SealedSecretsControllerOptions { ListenAddr = "127.0.0.1:0" };
        _server = new ControllerHttpServer(registry, new Reencryption(registry, RandomNumberGenerator.Create()), new ControllerMetrics(_runtime, false), options, _time, NullLogger<ControllerHttpServer>.Instance);
        await _server.StartAsync(CancellationToken.None);
        _http = new HttpClient { BaseAddress = _server.Urls[0] };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.StopAsync(CancellationToken.None);
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Healthz_answers_ok()
    {
        using var response = await _http.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.Equal("ok\n", await response.Content.ReadAsStringAsync());
        Assert.Equal("text/plain; charset=utf-8", response.Content.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task Cert_pem_serves_the_newest_certificate()
    {
        using var response = await _http.GetAsync(new Uri("/v1/cert.pem", UriKind.Relative));
        Assert.Equal("application/x-pem-file", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(TestKeys.Key(1).CertificatePem, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Verify_answers_200_or_409_and_rate_limits_at_the_burst()
    {
        Assert.Equal(HttpStatusCode.OK, await PostAsync("/v1/verify", TestKeys.Seal(0, "ns", "a", new Dictionary<string, string> { ["k"] = "v" })));
        Assert.Equal(HttpStatusCode.Conflict, await PostAsync("/v1/verify", TestKeys.Seal(4, "ns", "a", new Dictionary<string, string> { ["k"] = "v" })));
        Assert.Equal(HttpStatusCode.TooManyRequests, await PostAsync("/v1/verify", TestKeys.Seal(0, "ns", "a", new Dictionary<string, string> { ["k"] = "v" })));
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, await PostAsync("/v1/verify", TestKeys.Seal(0, "ns", "a", new Dictionary<string, string> { ["k"] = "v" })));
    }

    [Fact]
    public async Task Verify_rejects_multi_document_yaml()
    {
        using var content = new StringContent("apiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\n---\napiVersion: bitnami.com/v1alpha1\nkind: SealedSecret\n");
        using var response = await _http.PostAsync(new Uri("/v1/verify", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("multi-document", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rotate_returns_the_resealed_object_as_json()
    {
        using var content = new StringContent(JsonSerializer.Serialize(TestKeys.Seal(0, "ns", "a", new Dictionary<string, string> { ["k"] = "v" }), SealedSecretsJsonContext.Default.SealedSecret));
        using var response = await _http.PostAsync(new Uri("/v1/rotate", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var rotated = JsonSerializer.Deserialize(await response.Content.ReadAsByteArrayAsync(), SealedSecretsJsonContext.Default.SealedSecret)!;
        var secret = SealedSecretUnsealer.Unseal(rotated, [TestKeys.Key(1).PrivateKey]);
        Assert.Equal("v", Encoding.UTF8.GetString(secret.Data["k"]));
    }

    [Fact]
    public async Task Http_metrics_use_upstreams_names_and_labels()
    {
        using var _ = await _http.GetAsync(new Uri("/healthz", UriKind.Relative));
        using var stream = new MemoryStream();
        await _runtime.Registry.CollectAndExportAsTextAsync(stream);
        var text = Encoding.UTF8.GetString(stream.ToArray());
        Assert.Contains("sealed_secrets_controller_http_requests_total{path=\"/healthz\",code=\"200\",method=\"GET\"} 1", text, StringComparison.Ordinal);
        foreach (var name in new[] { "sealed_secrets_controller_build_info", "sealed_secrets_controller_unseal_requests_total", "sealed_secrets_controller_http_request_duration_seconds" })
        {
            Assert.Contains("# TYPE " + name, text, StringComparison.Ordinal);
        }
    }

    private async Task<HttpStatusCode> PostAsync(string path, SealedSecret body)
    {
        using var content = new StringContent(JsonSerializer.Serialize(body, SealedSecretsJsonContext.Default.SealedSecret), Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri(path, UriKind.Relative), content);
        return response.StatusCode;
    }
}
