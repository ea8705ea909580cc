using ExternalSecrets.Templating.Functions.Sprig;
using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating.Functions.Eso;

/// <summary>ESO's <c>filterPEM</c>, <c>filterCertChain</c> and <c>certSANs</c> (runtime/template/v2/pem.go).</summary>
internal static class EsoPem
{
    public static void Register(FuncMap m)
    {
        m.Add(GoFunction.Fixed("filterPEM", GoType.String, [GoType.String, GoType.String], static (_, a) =>
            FilterPem(((GoString)a[0]!).ToUtf8String(), (GoString)a[1]!), returnsError: true));
        m.Add(GoFunction.Fixed("filterCertChain", GoType.String, [GoType.String, GoType.String], static (_, a) =>
        {
            var type = ((GoString)a[0]!).ToUtf8String();
            var input = (GoString)a[1]!;
            return Wrap(() => FilterCertChain(type, input));
        }, returnsError: true));
        m.Add(GoFunction.Fixed("certSANs", GoType.SliceOfString, [GoType.String], static (_, a) => CertSans((GoString)a[0]!), returnsError: true));
    }

    private static GoResult Wrap(Func<string> body)
    {
        try
        {
            return GoResult.Ok(GoString.FromUtf8(body()));
        }
        catch (EsoException e)
        {
            return GoResult.Fail(e.Message);
        }
    }

    // ESO skips anything before the first "-----BEGIN" (what Go's pem.Decode did before go#76124).
    private static ReadOnlySpan<byte> TrimJunk(ReadOnlySpan<byte> input)
    {
        var i = input.IndexOf("-----BEGIN"u8);
        return i < 0 ? input : input[i..];
    }

    private static GoResult FilterPem(string pemType, GoString input)
    {
        var data = TrimJunk(input.Span);
        var blocks = new GoStringBuilder();
        ReadOnlySpan<byte> rest;
        while (true)
        {
            var block = GoPem.Decode(data, out rest);
            data = rest;
            if (block is null)
            {
                break;
            }

            if (!string.Equals(block.Type, pemType, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            blocks.AppendUtf8(GoPem.Encode(block.Type, block.Bytes, block.Headers));
        }

        if (blocks.Length == 0 && rest.Length != 0)
        {
            return GoResult.Fail("error filtering pem: found junk");
        }

        return GoResult.Ok(blocks.ToGoString());
    }

    private static string FilterCertChain(string certType, GoString input)
    {
        var ordered = EsoCertificates.OrderChain(EsoCertificates.PemToCerts(input.Span), out var error);
        if (error is not null)
        {
            throw new EsoException(error);
        }

        switch (certType)
        {
            case "leaf":
                {
                    var cert = ordered[0];
                    if (cert.AuthorityKeyId.Length > 0 && !cert.AuthorityKeyId.AsSpan().SequenceEqual(cert.SubjectKeyId))
                    {
                        return GoPem.Encode(EsoCertificates.PemCertificate, cert.Raw);
                    }

                    break;
                }

            case "intermediate":
                return ordered.Count < 2 ? string.Empty : EsoCertificates.ToPem(ordered.Skip(1).TakeWhile(c => !c.IsRoot));
            case "root":
                {
                    var cert = ordered[^1];
                    if (cert.IsRoot)
                    {
                        return GoPem.Encode(EsoCertificates.PemCertificate, cert.Raw);
                    }

                    break;
                }

            default:
                break;
        }

        return string.Empty;
    }

    private static GoResult CertSans(GoString input)
    {
        var block = GoPem.Decode(TrimJunk(input.Span), out _);
        if (block is null)
        {
            return GoResult.Fail("failed to decode PEM block");
        }

        try
        {
            EsoCertificates.Parse(block.Bytes);
            return GoResult.Ok(new GoList(GoType.SliceOfString, EsoCertificates.SubjectAltNames(block.Bytes).Select(s => (object?)GoString.FromUtf8(s))));
        }
        catch (EsoException e)
        {
            return GoResult.Fail("failed to parse certificate: " + e.Message);
        }
    }
}
