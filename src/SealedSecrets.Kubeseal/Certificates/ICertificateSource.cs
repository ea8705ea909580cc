namespace SealedSecrets.Kubeseal.Certificates;

/// <summary>
/// Fetches the controller's certificate when no <c>--cert</c> is given. Upstream reads the Service
/// <c>&lt;ns&gt;/&lt;name&gt;</c>, takes <c>spec.ports[0].name</c>, then GETs
/// <c>/api/v1/namespaces/&lt;ns&gt;/services/http:&lt;name&gt;:&lt;port&gt;/proxy/v1/cert.pem</c>
/// (reference sealed-secrets.md §2.2). The implementation that talks to a cluster plugs in here.
/// </summary>
public interface ICertificateSource
{
    /// <summary>Returns the PEM bytes the controller serves.</summary>
    /// <exception cref="InvalidOperationException">The certificate cannot be fetched; the message says why.</exception>
    Task<byte[]> FetchAsync(ControllerReference controller, CancellationToken cancellationToken);
}
