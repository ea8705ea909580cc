using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating.Functions.Sprig;

/// <summary>sprig's <c>certificate</c> struct (<c>.Cert</c>, <c>.Key</c> PEM strings) from genCA/genSelfSignedCert/genSignedCert.</summary>
internal sealed class SprigCertificate(GoString cert, GoString key) : IGoObject
{
    public static readonly GoType CertificateType = GoType.Named(GoKind.Struct, "sprig.certificate");

    public GoString Cert { get; } = cert;

    public GoString Key { get; } = key;

    public GoType Type => CertificateType;

    public GoFunction? GetMethod(string name) => null;

    public bool TryGetField(string name, out object? value)
    {
        value = name switch
        {
            "Cert" => Cert,
            "Key" => Key,
            _ => null,
        };
        return value is not null;
    }

    // Go's %v of a struct: {field field}.
    public GoString Format()
    {
        var sb = new GoStringBuilder(Cert.Length + Key.Length + 3);
        sb.Append((byte)'{').Append(Cert).Append((byte)' ').Append(Key).Append((byte)'}');
        return sb.ToGoString();
    }
}
