using System.Text;

namespace ExternalSecrets.Templating.Functions.Sprig;

/// <summary>Go's <c>encoding/pem</c>: <c>Decode</c> (lenient: junk around blocks, headers, CRLF) and <c>EncodeToMemory</c>.</summary>
internal static class GoPem
{
    public sealed record Block(string Type, byte[] Bytes, IReadOnlyList<KeyValuePair<string, string>> Headers);

    private static readonly byte[] PemStart = "\n-----BEGIN "u8.ToArray();
    private static readonly byte[] PemEnd = "\n-----END "u8.ToArray();
    private static readonly byte[] PemEndOfLine = "-----"u8.ToArray();

    /// <summary>The first PEM block in <paramref name="data"/> and the bytes after it; null (rest = data) when there is none.</summary>
    public static Block? Decode(ReadOnlySpan<byte> data, out ReadOnlySpan<byte> rest)
    {
        var input = data;
        rest = data;
        while (true)
        {
            if (rest.StartsWith(PemStart.AsSpan(1)))
            {
                rest = rest[(PemStart.Length - 1)..];
            }
            else
            {
                var i = rest.IndexOf(PemStart);
                if (i < 0)
                {
                    rest = input;
                    return null;
                }

                rest = rest[(i + PemStart.Length)..];
            }

            var typeLine = GetLine(rest, out rest);
            if (!typeLine.EndsWith(PemEndOfLine))
            {
                continue;
            }

            typeLine = typeLine[..^PemEndOfLine.Length];
            var headers = new List<KeyValuePair<string, string>>();
            var truncated = false;
            while (true)
            {
                if (rest.IsEmpty)
                {
                    truncated = true;
                    break;
                }

                var line = GetLine(rest, out var next);
                var colon = line.IndexOf((byte)':');
                if (colon < 0)
                {
                    break;
                }

                headers.Add(new(Encoding.UTF8.GetString(line[..colon].Trim((byte)' ')), Encoding.UTF8.GetString(line[(colon + 1)..].Trim((byte)' '))));
                rest = next;
            }

            if (truncated)
            {
                rest = input;
                return null;
            }

            int endIndex, endTrailerIndex;
            if (headers.Count == 0 && rest.StartsWith(PemEnd.AsSpan(1)))
            {
                endIndex = 0;
                endTrailerIndex = PemEnd.Length - 1;
            }
            else
            {
                endIndex = rest.IndexOf(PemEnd);
                endTrailerIndex = endIndex + PemEnd.Length;
            }

            if (endIndex < 0)
            {
                continue;
            }

            var endTrailer = rest[endTrailerIndex..];
            var endTrailerLen = typeLine.Length + PemEndOfLine.Length;
            if (endTrailer.Length < endTrailerLen)
            {
                continue;
            }

            var restOfEndLine = endTrailer[endTrailerLen..];
            endTrailer = endTrailer[..endTrailerLen];
            if (!endTrailer.StartsWith(typeLine) || !endTrailer.EndsWith(PemEndOfLine))
            {
                continue;
            }

            if (!GetLine(restOfEndLine, out _).IsEmpty)
            {
                continue;
            }

            var base64 = new List<byte>(endIndex);
            foreach (var b in rest[..endIndex])
            {
                if (b is not (byte)' ' and not (byte)'\t')
                {
                    base64.Add(b);
                }
            }

            var bytes = GoBase.Base64Decode(base64.ToArray(), out var err);
            if (bytes is null || err is not null)
            {
                continue;
            }

            GetLine(rest[(endIndex + PemEnd.Length - 1)..], out rest);
            return new Block(Encoding.UTF8.GetString(typeLine), bytes, headers);
        }
    }

    private static ReadOnlySpan<byte> GetLine(ReadOnlySpan<byte> data, out ReadOnlySpan<byte> rest)
    {
        var i = data.IndexOf((byte)'\n');
        int j;
        if (i < 0)
        {
            i = data.Length;
            j = i;
        }
        else
        {
            j = i + 1;
            if (i > 0 && data[i - 1] == '\r')
            {
                i--;
            }
        }

        rest = data[j..];
        return data[..i].TrimEnd(" \t"u8);
    }

    /// <summary>Go's <c>pem.EncodeToMemory</c> (64-column base64, trailing newline).</summary>
    public static string Encode(string type, ReadOnlySpan<byte> bytes) => Encode(type, bytes, []);

    /// <summary>Go's <c>pem.Encode</c> with headers: Proc-Type first, the rest sorted, then a blank line.</summary>
    public static string Encode(string type, ReadOnlySpan<byte> bytes, IReadOnlyList<KeyValuePair<string, string>> headers)
    {
        var sb = new StringBuilder();
        sb.Append("-----BEGIN ").Append(type).Append("-----\n");
        if (headers.Count > 0)
        {
            foreach (var h in headers.Where(h => h.Key == "Proc-Type"))
            {
                sb.Append(h.Key).Append(": ").Append(h.Value).Append('\n');
            }

            foreach (var h in headers.Where(h => h.Key != "Proc-Type").OrderBy(h => h.Key, StringComparer.Ordinal))
            {
                sb.Append(h.Key).Append(": ").Append(h.Value).Append('\n');
            }

            sb.Append('\n');
        }

        var b64 = Convert.ToBase64String(bytes);
        for (var i = 0; i < b64.Length; i += 64)
        {
            sb.Append(b64, i, Math.Min(64, b64.Length - i)).Append('\n');
        }

        sb.Append("-----END ").Append(type).Append("-----\n");
        return sb.ToString();
    }
}
