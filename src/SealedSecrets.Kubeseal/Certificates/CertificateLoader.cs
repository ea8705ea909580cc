using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using SealedSecrets.Crypto;

namespace SealedSecrets.Kubeseal.Certificates;

/// <summary>
/// Opens <c>--cert</c> as upstream's <c>openCertLocal</c> and <c>ParseKey</c> do (reference §2.2):
/// no scheme or a one-letter scheme is a local path; <c>file://</c>, <c>http://</c>, <c>https://</c>
/// are fetched; the first PEM certificate is used; it must hold an RSA key and must not have
/// expired (NotBefore, chain and KeyUsage are not checked). A bare PUBLIC KEY is not accepted.
/// </summary>
internal sealed class CertificateLoader(HttpClient? http, TimeProvider time)
{
    public async Task<byte[]> ReadAsync(string location, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(location, UriKind.Absolute, out var uri) || uri.Scheme.Length <= 1 || uri.IsFile && !location.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return LocalFile.ReadAllBytes(location);
        }
        if (uri.IsFile)
        {
            return LocalFile.ReadAllBytes(uri.LocalPath);
        }
        if (uri.Scheme is not ("http" or "https") || http is null)
        {
            throw new KubesealException($"cannot fetch \"{location}\": unsupported protocol scheme \"{uri.Scheme}\"");
        }
        try
        {
            using var response = await http.GetAsync(uri, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                throw new KubesealException($"cannot fetch \"{location}\": {(int)response.StatusCode} {response.ReasonPhrase}");
            }
            return await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new KubesealException($"cannot fetch \"{location}\": {ex.Message}", ex);
        }
    }

    public SealingPublicKey Parse(byte[] pem)
    {
        X509Certificate2 certificate;
        try
        {
            certificate = SealingPem.ReadFirstCertificate(System.Text.Encoding.UTF8.GetString(pem));
        }
        catch (KeyFormatException ex)
        {
            throw new KubesealException($"cannot read certificate: {ex.Message}", ex);
        }
        using (certificate)
        {
            var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime(), TimeSpan.Zero);
            if (time.GetUtcNow() > notAfter)
            {
                throw new KubesealException(
                    "failed to encrypt using an expired certificate on " + notAfter.ToString("MMMM d, yyyy", CultureInfo.InvariantCulture));
            }
            try
            {
                return SealingPublicKey.FromCertificate(certificate);
            }
            catch (KeyFormatException ex)
            {
                throw new KubesealException(ex.Message, ex);
            }
        }
    }
}
