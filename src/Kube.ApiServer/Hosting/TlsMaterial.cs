using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Kube.ApiServer.Hosting;

/// <summary>
/// A private CA and a serving certificate for 127.0.0.1/::1/localhost, generated on first start and
/// kept as PEM files in the data directory (keys mode 0600) so a kubeconfig stays valid across restarts.
/// </summary>
internal sealed class TlsMaterial : IDisposable
{
    private TlsMaterial(X509Certificate2 serving, string caPem)
    {
        Serving = serving;
        CaPem = caPem;
    }

    public X509Certificate2 Serving { get; }

    public string CaPem { get; }

    public static TlsMaterial LoadOrCreate(string? dir, DateTimeOffset now)
    {
        if (dir is not null)
        {
            var caCrt = Path.Combine(dir, "ca.crt");
            var tlsCrt = Path.Combine(dir, "tls.crt");
            var tlsKey = Path.Combine(dir, "tls.key");
            if (File.Exists(caCrt) && File.Exists(tlsCrt) && File.Exists(tlsKey))
            {
                var cert = X509Certificate2.CreateFromPem(File.ReadAllText(tlsCrt), File.ReadAllText(tlsKey));
                if (cert.NotAfter > now.UtcDateTime.AddDays(1))
                {
                    return new TlsMaterial(cert, File.ReadAllText(caCrt));
                }

                cert.Dispose();
            }
        }

        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=sigil-apiserver-ca", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign | X509KeyUsageFlags.DigitalSignature, true));
        caRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(caRequest.PublicKey, false));
        using var ca = caRequest.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10));

        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=sigil-apiserver", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddIpAddress(IPAddress.IPv6Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        using var issued = request.Create(ca, now.AddMinutes(-5), now.AddYears(2), serial);
        var servingPem = issued.ExportCertificatePem();
        var servingKeyPem = key.ExportPkcs8PrivateKeyPem();
        var caPem = ca.ExportCertificatePem();
        if (dir is not null)
        {
            SecureFile.Write(Path.Combine(dir, "ca.crt"), caPem);
            SecureFile.Write(Path.Combine(dir, "ca.key"), caKey.ExportPkcs8PrivateKeyPem());
            SecureFile.Write(Path.Combine(dir, "tls.crt"), servingPem);
            SecureFile.Write(Path.Combine(dir, "tls.key"), servingKeyPem);
        }

        return new TlsMaterial(X509Certificate2.CreateFromPem(servingPem, servingKeyPem), caPem);
    }

    public void Dispose() => Serving.Dispose();
}
