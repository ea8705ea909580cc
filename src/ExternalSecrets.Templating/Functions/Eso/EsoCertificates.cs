using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ExternalSecrets.Templating.Functions.Sprig;

namespace ExternalSecrets.Templating.Functions.Eso;

/// <summary>
/// Certificate helpers shared by ESO's PEM and PKCS#12 functions: Go-style parsing (errors as
/// <c>x509: …</c>), the key identifiers Go exposes (nil when the extension is absent), and the
/// leaf → intermediates → root ordering of ESO's <c>fetchX509CertChains</c>.
/// </summary>
internal static class EsoCertificates
{
    public const string PemCertificate = "CERTIFICATE";

    public sealed class Cert(byte[] raw)
    {
        public byte[] Raw { get; } = raw;

        public byte[] AuthorityKeyId { get; init; } = [];

        public byte[] SubjectKeyId { get; init; } = [];

        public bool IsRoot => AuthorityKeyId.Length == 0 || AuthorityKeyId.AsSpan().SequenceEqual(SubjectKeyId);
    }

    /// <summary>Go's x509.ParseCertificate, keeping only what ESO reads; throws with an <c>x509:</c> message.</summary>
    public static Cert Parse(byte[] der)
    {
        try
        {
            using var x = X509CertificateLoader.LoadCertificate(der);
            var aki = x.Extensions.OfType<X509AuthorityKeyIdentifierExtension>().FirstOrDefault()?.KeyIdentifier;
            var ski = x.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault()?.SubjectKeyIdentifierBytes;
            return new Cert(der)
            {
                AuthorityKeyId = aki?.ToArray() ?? [],
                SubjectKeyId = ski?.ToArray() ?? [],
            };
        }
        catch (CryptographicException e)
        {
            throw new EsoException("x509: malformed certificate (" + e.Message + ")", e);
        }
    }

    /// <summary>ESO's fetchX509CertChains: link each cert to the one whose SubjectKeyId is its AuthorityKeyId, start from the single non-parent.</summary>
    public static List<Cert> OrderChain(List<Cert> nodes, out string? error)
    {
        error = null;
        var parent = new int[nodes.Count];
        var isParent = new bool[nodes.Count];
        Array.Fill(parent, -1);
        for (var i = 0; i < nodes.Count; i++)
        {
            for (var j = 0; j < nodes.Count; j++)
            {
                if (i != j && nodes[i].AuthorityKeyId.AsSpan().SequenceEqual(nodes[j].SubjectKeyId))
                {
                    isParent[j] = true;
                    parent[i] = j;
                    break;
                }
            }
        }

        var leaf = -1;
        for (var i = 0; i < nodes.Count; i++)
        {
            if (!isParent[i])
            {
                if (leaf >= 0)
                {
                    error = "found multiple leaf or disjunct certificates";
                    return [];
                }

                leaf = i;
            }
        }

        if (leaf < 0)
        {
            error = "no leaf certificate found";
            return [];
        }

        var chain = new List<Cert>();
        for (var n = leaf; n >= 0; n = parent[n])
        {
            if (chain.Count >= nodes.Count)
            {
                error = "constructing chain resulted in cycle";
                return [];
            }

            chain.Add(nodes[n]);
        }

        return chain;
    }

    /// <summary>Every PEM block of <paramref name="data"/> parsed as a certificate (ESO's pemToNodes).</summary>
    public static List<Cert> PemToCerts(ReadOnlySpan<byte> data)
    {
        var certs = new List<Cert>();
        while (true)
        {
            var block = GoPem.Decode(data, out var rest);
            data = rest;
            if (block is null)
            {
                return certs;
            }

            certs.Add(Parse(block.Bytes));
        }
    }

    public static string ToPem(IEnumerable<Cert> certs) => string.Concat(certs.Select(c => GoPem.Encode(PemCertificate, c.Raw)));

    /// <summary>Subject Alternative Names in Go's order: DNS names, IPs, e-mails, URIs.</summary>
    public static List<string> SubjectAltNames(byte[] der)
    {
        using var x = X509CertificateLoader.LoadCertificate(der);
        var dns = new List<string>();
        var ips = new List<string>();
        var emails = new List<string>();
        var uris = new List<string>();
        foreach (var ext in x.Extensions)
        {
            if (ext.Oid?.Value != "2.5.29.17")
            {
                continue;
            }

            var seq = new AsnReader(ext.RawData, AsnEncodingRules.DER).ReadSequence();
            while (seq.HasData)
            {
                var tag = seq.PeekTag();
                if (tag.TagClass != TagClass.ContextSpecific)
                {
                    seq.ReadEncodedValue();
                    continue;
                }

                switch (tag.TagValue)
                {
                    case 1:
                        emails.Add(seq.ReadCharacterString(UniversalTagNumber.IA5String, tag));
                        break;
                    case 2:
                        dns.Add(seq.ReadCharacterString(UniversalTagNumber.IA5String, tag));
                        break;
                    case 6:
                        uris.Add(seq.ReadCharacterString(UniversalTagNumber.IA5String, tag));
                        break;
                    case 7:
                        var bytes = seq.ReadOctetString(tag);
                        ips.Add(bytes.Length is 4 or 16 ? new System.Net.IPAddress(bytes).ToString() : "?" + Convert.ToHexStringLower(bytes));
                        break;
                    default:
                        seq.ReadEncodedValue();
                        break;
                }
            }
        }

        return [.. dns, .. ips, .. emails, .. uris];
    }
}
