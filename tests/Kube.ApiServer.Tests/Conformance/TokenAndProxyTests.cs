using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Sigil.Testing;

namespace Kube.ApiServer.Tests.Conformance;

/// <summary>TokenRequest / TokenReview / OIDC discovery and JWKS, and the services proxy to loopback Endpoints.</summary>
public sealed class TokenAndProxyTests(ClusterFixture fixture) : IClassFixture<ClusterFixture>
{
    private readonly EmbeddedCluster _cluster = fixture.Cluster;

    [Fact]
    public async Task TokenRequest_issues_an_RS256_JWT_that_TokenReview_and_the_JWKS_both_accept()
    {
        var client = _cluster.Client;
        var ns = $"t-{Guid.NewGuid().ToString("N")[..8]}";
        await client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns } });
        var sa = await client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "eso" } }, ns);
        var issued = await client.CoreV1.CreateNamespacedServiceAccountTokenAsync(new Authenticationv1TokenRequest
        {
            Spec = new V1TokenRequestSpec { Audiences = ["vault"], ExpirationSeconds = 600 },
        }, "eso", ns);
        var token = issued.Status.Token;
        Assert.True(issued.Status.ExpirationTimestamp > DateTime.UtcNow.AddMinutes(9));

        var review = await client.AuthenticationV1.CreateTokenReviewAsync(new V1TokenReview { Spec = new V1TokenReviewSpec { Token = token, Audiences = ["vault"] } });
        Assert.True(review.Status.Authenticated);
        Assert.Equal($"system:serviceaccount:{ns}:eso", review.Status.User.Username);
        Assert.Equal(sa.Metadata.Uid, review.Status.User.Uid);
        Assert.Contains($"system:serviceaccounts:{ns}", review.Status.User.Groups);

        var wrongAudience = await client.AuthenticationV1.CreateTokenReviewAsync(new V1TokenReview { Spec = new V1TokenReviewSpec { Token = token, Audiences = ["other"] } });
        Assert.False(wrongAudience.Status.Authenticated);

        using var http = Http(authenticated: false);
        var discovery = JsonNode.Parse(await http.GetStringAsync(new Uri("/.well-known/openid-configuration", UriKind.Relative)))!;
        Assert.Equal(Kube.ApiServer.Hosting.ApiServerHost.TokenIssuerName, (string?)discovery["issuer"]);
        var jwks = JsonNode.Parse(await http.GetStringAsync(new Uri("/openid/v1/jwks", UriKind.Relative)))!;
        var key = jwks["keys"]![0]!;
        using var rsa = RSA.Create(new RSAParameters { Modulus = FromB64Url((string)key["n"]!), Exponent = FromB64Url((string)key["e"]!) });
        var parts = token.Split('.');
        Assert.True(rsa.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), FromB64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        var claims = JsonNode.Parse(FromB64Url(parts[1]))!;
        Assert.Equal($"system:serviceaccount:{ns}:eso", (string?)claims["sub"]);
        Assert.Equal("eso", (string?)claims["kubernetes.io"]!["serviceaccount"]!["name"]);

        await client.CoreV1.DeleteNamespacedServiceAccountAsync("eso", ns);
        var afterDelete = await client.AuthenticationV1.CreateTokenReviewAsync(new V1TokenReview { Spec = new V1TokenReviewSpec { Token = token } });
        Assert.False(afterDelete.Status.Authenticated);
    }

    [Fact]
    public async Task TokenRequest_for_a_missing_service_account_is_404_and_short_lifetimes_are_422()
    {
        var client = _cluster.Client;
        var missing = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.CreateNamespacedServiceAccountTokenAsync(
            new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec() }, "nobody", "default"));
        Assert.Equal(HttpStatusCode.NotFound, missing.Response.StatusCode);
        var tooShort = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.CreateNamespacedServiceAccountTokenAsync(
            new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec { ExpirationSeconds = 60 } }, "default", "default"));
        Assert.Equal((HttpStatusCode)422, tooShort.Response.StatusCode);
    }

    [Fact]
    public async Task Service_account_tokens_authenticate_API_requests()
    {
        var issued = await _cluster.Client.CoreV1.CreateNamespacedServiceAccountTokenAsync(new Authenticationv1TokenRequest { Spec = new V1TokenRequestSpec() }, "default", "default");
        using var http = Http(authenticated: false);
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", issued.Status.Token);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(new Uri("/api/v1/namespaces", UriKind.Relative))).StatusCode);
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", issued.Status.Token + "x");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(new Uri("/api/v1/namespaces", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task The_services_proxy_forwards_to_the_loopback_endpoint_and_relays_status_and_body()
    {
        var port = FreePort();
        using var backend = new HttpListener();
        backend.Prefixes.Add($"http://127.0.0.1:{port}/");
        backend.Start();
        var serving = Task.Run(async () =>
        {
            for (var i = 0; i < 2; i++)
            {
                var ctx = await backend.GetContextAsync();
                using var reader = new StreamReader(ctx.Request.InputStream);
                var body = await reader.ReadToEndAsync();
                var answer = ctx.Request.Url!.AbsolutePath == "/v1/cert.pem"
                    ? "-----BEGIN CERTIFICATE-----\nfake\n-----END CERTIFICATE-----\n"
                    : $"cannot decrypt {body.Length} bytes";
                ctx.Response.StatusCode = ctx.Request.Url.AbsolutePath == "/v1/cert.pem" ? 200 : 409;
                ctx.Response.ContentType = "text/plain";
                var bytes = Encoding.UTF8.GetBytes(answer);
                await ctx.Response.OutputStream.WriteAsync(bytes);
                ctx.Response.Close();
            }
        });

        var client = _cluster.Client;
        await client.CoreV1.CreateNamespacedServiceAsync(new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "sealed-secrets-controller" },
            Spec = new V1ServiceSpec { Ports = [new V1ServicePort { Name = "http", Port = 8080, TargetPort = 8080 }] },
        }, "kube-system");
        await client.CoreV1.CreateNamespacedEndpointsAsync(new V1Endpoints
        {
            Metadata = new V1ObjectMeta { Name = "sealed-secrets-controller" },
            Subsets = [new V1EndpointSubset { Addresses = [new V1EndpointAddress { Ip = "127.0.0.1" }], Ports = [new Corev1EndpointPort { Name = "http", Port = port }] }],
        }, "kube-system");

        using var http = Http(authenticated: true);
        var cert = await http.GetAsync(new Uri("/api/v1/namespaces/kube-system/services/http:sealed-secrets-controller:http/proxy/v1/cert.pem", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, cert.StatusCode);
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", await cert.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var content = new StringContent("{\"kind\":\"SealedSecret\"}", Encoding.UTF8, "application/json");
        var verify = await http.PostAsync(new Uri("/api/v1/namespaces/kube-system/services/http:sealed-secrets-controller:http/proxy/v1/verify", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Conflict, verify.StatusCode);
        Assert.Equal("cannot decrypt 23 bytes", await verify.Content.ReadAsStringAsync());
        await serving.WaitAsync(TimeSpan.FromSeconds(10));

        var noEndpoints = await http.GetAsync(new Uri("/api/v1/namespaces/default/services/http:nothing:http/proxy/", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, noEndpoints.StatusCode);
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static byte[] FromB64Url(string s)
    {
        var b = s.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(b + new string('=', (4 - (b.Length % 4)) % 4));
    }

    private HttpClient Http(bool authenticated)
    {
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        var http = new HttpClient(handler) { BaseAddress = _cluster.Server.BaseAddress };
        if (authenticated)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _cluster.Server.Token);
        }

        return http;
    }
}
