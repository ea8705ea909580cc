using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using SealedSecrets.Kubeseal.Certificates;

namespace SealedSecrets.Kubeseal.Cluster;

/// <summary>
/// The controller reached through the API server's services proxy (reference sealed-secrets.md §2.2,
/// §2.5; kube-api.md §12.5): read the Service <c>&lt;ns&gt;/&lt;name&gt;</c> for <c>spec.ports[0].name</c>
/// (often empty, giving a trailing colon), then
/// <c>/api/v1/namespaces/&lt;ns&gt;/services/http:&lt;name&gt;:&lt;port&gt;/proxy/v1/{cert.pem,verify,rotate}</c>.
/// </summary>
public sealed class ClusterController(Func<string, string?> environment, string? home) : ICertificateSource, IControllerClient
{
    public async Task<byte[]> FetchAsync(ControllerReference controller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(controller);
        using var connection = Connect(controller, "cannot fetch certificate");
        var path = await ProxyPathAsync(connection, controller, "v1/cert.pem", cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("application/x-pem-file, */*");
        using var response = await SendAsync(connection, request, "cannot fetch certificate", cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"cannot fetch certificate: {await ErrorAsync(response, cancellationToken).ConfigureAwait(false)}");
        }
        return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> VerifyAsync(ControllerReference controller, byte[] sealedSecretJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(controller);
        using var connection = Connect(controller, "cannot validate sealed secret");
        using var response = await PostAsync(connection, controller, "v1/verify", sealedSecretJson, "cannot validate sealed secret", cancellationToken).ConfigureAwait(false);
        return response.StatusCode switch
        {
            HttpStatusCode.OK => true,
            HttpStatusCode.Conflict => false,
            _ => throw new InvalidOperationException($"cannot validate sealed secret: {await ErrorAsync(response, cancellationToken).ConfigureAwait(false)}"),
        };
    }

    public async Task<byte[]> RotateAsync(ControllerReference controller, byte[] sealedSecretJson, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(controller);
        using var connection = Connect(controller, "cannot re-encrypt secret");
        using var response = await PostAsync(connection, controller, "v1/rotate", sealedSecretJson, "cannot re-encrypt secret", cancellationToken).ConfigureAwait(false);
        return response.StatusCode switch
        {
            HttpStatusCode.OK => await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false),
            HttpStatusCode.Conflict => throw new InvalidOperationException("unable to rotate secret"),
            _ => throw new InvalidOperationException($"cannot re-encrypt secret: {await ErrorAsync(response, cancellationToken).ConfigureAwait(false)}"),
        };
    }

    private KubeconfigConnection Connect(ControllerReference controller, string what)
    {
        try
        {
            return KubeconfigConnection.Open(controller.Kubeconfig, controller.Context, environment, home);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            throw new InvalidOperationException($"{what}: {ex.Message}", ex);
        }
    }

    private static async Task<HttpResponseMessage> PostAsync(KubeconfigConnection connection, ControllerReference controller, string endpoint, byte[] body, string what, CancellationToken cancellationToken)
    {
        var path = await ProxyPathAsync(connection, controller, endpoint, cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return await SendAsync(connection, request, what, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<Uri> ProxyPathAsync(KubeconfigConnection connection, ControllerReference controller, string endpoint, CancellationToken cancellationToken)
    {
        var ns = Uri.EscapeDataString(controller.Namespace);
        var name = Uri.EscapeDataString(controller.Name);
        var portName = await ServicePortNameAsync(connection, ns, name, cancellationToken).ConfigureAwait(false);
        return new Uri(connection.Server, $"{connection.Server.AbsolutePath.TrimEnd('/')}/api/v1/namespaces/{ns}/services/http:{name}:{Uri.EscapeDataString(portName)}/proxy/{endpoint}");
    }

    private static async Task<string> ServicePortNameAsync(KubeconfigConnection connection, string ns, string name, CancellationToken cancellationToken)
    {
        const string Hint = "\nPlease, use the flag --controller-name and --controller-namespace to set up the name and namespace of the sealed secrets controller";
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(connection.Server, $"{connection.Server.AbsolutePath.TrimEnd('/')}/api/v1/namespaces/{ns}/services/{name}"));
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await SendAsync(connection, request, "cannot get sealed secret service", cancellationToken).ConfigureAwait(false);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"cannot get sealed secret service: {await ErrorAsync(response, cancellationToken).ConfigureAwait(false)}{Hint}");
        }
        using var document = await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false), default, cancellationToken).ConfigureAwait(false);
        if (document.RootElement.TryGetProperty("spec", out var spec) && spec.TryGetProperty("ports", out var ports)
            && ports.ValueKind == JsonValueKind.Array && ports.GetArrayLength() > 0)
        {
            return ports[0].TryGetProperty("name", out var portName) && portName.ValueKind == JsonValueKind.String ? portName.GetString() ?? string.Empty : string.Empty;
        }
        throw new InvalidOperationException($"cannot get sealed secret service: service {Uri.UnescapeDataString(ns)}/{Uri.UnescapeDataString(name)} has no ports{Hint}");
    }

    private static async Task<HttpResponseMessage> SendAsync(KubeconfigConnection connection, HttpRequestMessage request, string what, CancellationToken cancellationToken)
    {
        try
        {
            return await connection.Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new InvalidOperationException($"{what}: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new InvalidOperationException($"{what}: the API server at {connection.Server} did not answer in time", ex);
        }
    }

    // The API server's Status message when there is one (e.g. services "x" not found), else the HTTP status.
    private static async Task<string> ErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.TryGetProperty("message", out var message) && message.GetString() is { Length: > 0 } m)
            {
                return m;
            }
        }
        catch (JsonException)
        {
        }
        var reason = $"the server responded with the status code {(int)response.StatusCode} but did not return more information";
        return text.Length is > 0 and < 300 ? $"{reason}: {text.Trim()}" : reason;
    }
}
