namespace ExternalSecrets.Templating.Tests.Functions;

/// <summary>
/// A certificate chain made by openssl in a temporary directory: root CA → intermediate CA → leaf
/// (RSA), an EC leaf, PKCS#12 archives of them with and without a password, and a certificate with
/// every kind of SAN. Built once per test class.
/// </summary>
public sealed class EsoFixture : IDisposable
{
    public EsoFixture()
    {
        Dir = Directory.CreateTempSubdirectory("sigil-eso-").FullName;
        File.WriteAllText(Path.Combine(Dir, "ca.ext"), "basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign,cRLSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid:always\n");
        File.WriteAllText(Path.Combine(Dir, "leaf.ext"), "basicConstraints=CA:FALSE\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid:always\nsubjectAltName=DNS:foo.example.com,DNS:bar.example.com,IP:10.0.0.1,IP:2001:db8::1,email:ops@example.com,URI:spiffe://example/ns/a\n");
        Ssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "root.key", "-out", "root.crt", "-subj", "/CN=Test Root", "-days", "30");
        Ssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "int.key", "-out", "int.csr", "-subj", "/CN=Test Intermediate");
        Ssl("x509", "-req", "-in", "int.csr", "-CA", "root.crt", "-CAkey", "root.key", "-CAcreateserial", "-out", "int.crt", "-days", "30", "-extfile", "ca.ext");
        Ssl("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "leaf.key", "-out", "leaf.csr", "-subj", "/CN=foo.example.com");
        Ssl("x509", "-req", "-in", "leaf.csr", "-CA", "int.crt", "-CAkey", "int.key", "-CAcreateserial", "-out", "leaf.crt", "-days", "30", "-extfile", "leaf.ext");
        Ssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", "ec.key");
        Ssl("req", "-new", "-key", "ec.key", "-out", "ec.csr", "-subj", "/CN=ec.example.com");
        Ssl("x509", "-req", "-in", "ec.csr", "-CA", "int.crt", "-CAkey", "int.key", "-CAcreateserial", "-out", "ec.crt", "-days", "30", "-extfile", "leaf.ext");
        File.WriteAllText(Path.Combine(Dir, "cas.pem"), Read("int.crt") + Read("root.crt"));
        Ssl("pkcs12", "-export", "-inkey", "leaf.key", "-in", "leaf.crt", "-certfile", "cas.pem", "-passout", "pass:1234", "-out", "leaf.pfx");
        Ssl("pkcs12", "-export", "-inkey", "leaf.key", "-in", "leaf.crt", "-certfile", "cas.pem", "-passout", "pass:", "-out", "leaf-nopass.pfx");
        Ssl("pkcs12", "-export", "-inkey", "ec.key", "-in", "ec.crt", "-passout", "pass:ec", "-out", "ec.pfx");
        Ssl("pkcs12", "-export", "-legacy", "-inkey", "leaf.key", "-in", "leaf.crt", "-passout", "pass:1234", "-out", "leaf-legacy.pfx");
        Ssl("pkcs12", "-export", "-keypbe", "PBE-SHA1-3DES", "-certpbe", "PBE-SHA1-3DES", "-macalg", "sha1", "-inkey", "leaf.key", "-in", "leaf.crt", "-passout", "pass:1234", "-out", "leaf-3des.pfx");
    }

    public string Dir { get; }

    public string Ssl(params string[] args) => OpenSsl.Run(Dir, args);

    public string Read(string name) => File.ReadAllText(Path.Combine(Dir, name));

    public byte[] ReadBytes(string name) => File.ReadAllBytes(Path.Combine(Dir, name));

    /// <summary>openssl's PKCS#8 PEM of a key file (what Go's MarshalPKCS8PrivateKey produces too).</summary>
    public string Pkcs8(string keyFile) => Ssl("pkey", "-in", keyFile);

    /// <summary>openssl's PEM re-encoding of a certificate (64-column base64).</summary>
    public string CertPem(string certFile) => Ssl("x509", "-in", certFile);

    public void Dispose() => Directory.Delete(Dir, recursive: true);
}
