using System.Globalization;
using ExternalSecrets.Templating.Values;

namespace ExternalSecrets.Templating.Functions.Sprig;

/// <summary>
/// Go's <c>encoding/base64</c>, <c>base32</c> and <c>hex</c> standard decoders, down to the
/// <c>illegal base64 data at input byte N</c> offsets sprig returns as text on bad input.
/// </summary>
internal static class GoBase
{
    private const string B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    private const string B32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static readonly byte[] B64Map = MakeMap(B64);
    private static readonly byte[] B32Map = MakeMap(B32);

    private static byte[] MakeMap(string alphabet)
    {
        var map = new byte[256];
        Array.Fill(map, (byte)0xFF);
        for (var i = 0; i < alphabet.Length; i++)
        {
            map[alphabet[i]] = (byte)i;
        }

        return map;
    }

    public static GoString Base64Encode(GoString s) => GoString.FromUtf8(Convert.ToBase64String(s.Span));

    /// <summary><c>base64.StdEncoding.DecodeString</c>: bytes, or null and Go's error text.</summary>
    public static byte[]? Base64Decode(ReadOnlySpan<byte> src, out string? error)
    {
        var dst = new List<byte>(src.Length * 3 / 4);
        var si = 0;
        Span<byte> dbuf = stackalloc byte[4];
        while (si < src.Length)
        {
            dbuf.Clear();
            var dlen = 4;
            int? err = null;
            var done = false;
            for (var j = 0; j < 4; j++)
            {
                if (src.Length == si)
                {
                    if (j == 0)
                    {
                        done = true;
                        break;
                    }

                    return Fail64(si - j, out error);
                }

                var c = src[si++];
                var o = B64Map[c];
                if (o != 0xFF)
                {
                    dbuf[j] = o;
                    continue;
                }

                if (c is (byte)'\n' or (byte)'\r')
                {
                    j--;
                    continue;
                }

                if (c != '=')
                {
                    return Fail64(si - 1, out error);
                }

                if (j is 0 or 1)
                {
                    return Fail64(si - 1, out error);
                }

                if (j == 2)
                {
                    while (si < src.Length && src[si] is (byte)'\n' or (byte)'\r')
                    {
                        si++;
                    }

                    if (si == src.Length)
                    {
                        return Fail64(src.Length, out error);
                    }

                    if (src[si] != '=')
                    {
                        return Fail64(si - 1, out error);
                    }

                    si++;
                }

                while (si < src.Length && src[si] is (byte)'\n' or (byte)'\r')
                {
                    si++;
                }

                if (si < src.Length)
                {
                    err = si;
                }

                dlen = j;
                break;
            }

            if (done)
            {
                break;
            }

            var val = (dbuf[0] << 18) | (dbuf[1] << 12) | (dbuf[2] << 6) | dbuf[3];
            if (dlen >= 2)
            {
                dst.Add((byte)(val >> 16));
            }

            if (dlen >= 3)
            {
                dst.Add((byte)(val >> 8));
            }

            if (dlen == 4)
            {
                dst.Add((byte)val);
            }

            if (err is { } e)
            {
                return Fail64(e, out error);
            }

            if (dlen < 4)
            {
                break;
            }
        }

        error = null;
        return [.. dst];
    }

    private static byte[]? Fail64(long offset, out string error)
    {
        error = "illegal base64 data at input byte " + offset.ToString(CultureInfo.InvariantCulture);
        return null;
    }

    public static GoString Base32Encode(GoString s)
    {
        var src = s.Span;
        var sb = new GoStringBuilder(((src.Length + 4) / 5) * 8);
        Span<byte> chunk = stackalloc byte[5];
        for (var i = 0; i < src.Length; i += 5)
        {
            chunk.Clear();
            var n = Math.Min(5, src.Length - i);
            src.Slice(i, n).CopyTo(chunk);
            ulong v = 0;
            foreach (var b in chunk)
            {
                v = (v << 8) | b;
            }

            var chars = n switch
            {
                1 => 2,
                2 => 4,
                3 => 5,
                4 => 7,
                _ => 8,
            };
            for (var k = 0; k < 8; k++)
            {
                sb.Append(k < chars ? (byte)B32[(int)((v >> (35 - (5 * k))) & 0x1F)] : (byte)'=');
            }
        }

        return sb.ToGoString();
    }

    /// <summary><c>base32.StdEncoding.DecodeString</c> (newlines stripped first, as Go does).</summary>
    public static byte[]? Base32Decode(ReadOnlySpan<byte> input, out string? error)
    {
        var stripped = new List<byte>(input.Length);
        foreach (var b in input)
        {
            if (b is not (byte)'\n' and not (byte)'\r')
            {
                stripped.Add(b);
            }
        }

        var src = stripped.ToArray().AsSpan();
        var olen = src.Length;
        var dst = new List<byte>(olen * 5 / 8);
        var end = false;
        Span<byte> dbuf = stackalloc byte[8];
        
        while (src.Length > 0 && !end)
        {
            dbuf.Clear();
            var dlen = 8;
            for (var j = 0; j < 8;)
            {
                if (src.Length == 0)
                {
                    return Fail32(olen - src.Length - j, out error);
                }

                var c = src[0];
                src = src[1..];
                if (c == '=' && j >= 2 && src.Length < 8)
                {
                    if (src.Length + j < 8 - 1)
                    {
                        return Fail32(olen, out error);
                    }

                    for (var k = 0; k < 8 - 1 - j; k++)
                    {
                        if (src.Length > k && src[k] != '=')
                        {
                            return Fail32(olen - src.Length + k - 1, out error);
                        }
                    }

                    dlen = j;
                    end = true;
                    if (dlen is 1 or 3 or 6)
                    {
                        return Fail32(olen - src.Length - 1, out error);
                    }

                    break;
                }

                dbuf[j] = B32Map[c];
                if (dbuf[j] == 0xFF)
                {
                    return Fail32(olen - src.Length - 1, out error);
                }

                j++;
            }

            ulong v = 0;
            for (var k = 0; k < 8; k++)
            {
                v = (v << 5) | dbuf[k];
            }

            var bytes = dlen switch
            {
                8 => 5,
                7 => 4,
                5 => 3,
                4 => 2,
                2 => 1,
                _ => 0,
            };
            for (var k = 0; k < bytes; k++)
            {
                dst.Add((byte)(v >> (32 - (8 * k))));
            }
        }

        error = null;
        return [.. dst];
    }

    private static byte[]? Fail32(long offset, out string error)
    {
        error = "illegal base32 data at input byte " + offset.ToString(CultureInfo.InvariantCulture);
        return null;
    }

    /// <summary><c>hex.DecodeString</c> with Go's error texts.</summary>
    public static byte[]? HexDecode(ReadOnlySpan<byte> src, out string? error)
    {
        var dst = new byte[src.Length / 2];
        int j;
        for (j = 1; j < src.Length; j += 2)
        {
            var a = FromHex(src[j - 1]);
            if (a < 0)
            {
                error = InvalidByte(src[j - 1]);
                return null;
            }

            var b = FromHex(src[j]);
            if (b < 0)
            {
                error = InvalidByte(src[j]);
                return null;
            }

            dst[j / 2] = (byte)((a << 4) | b);
        }

        if (src.Length % 2 == 1)
        {
            error = FromHex(src[j - 1]) < 0 ? InvalidByte(src[j - 1]) : "encoding/hex: odd length hex string";
            return null;
        }

        error = null;
        return dst;
    }

    private static int FromHex(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };

    // fmt's %#U of rune(b): "U+0067 'g'", the quoted form only for printable runes.
    private static string InvalidByte(byte b)
    {
        var code = "U+" + ((int)b).ToString("X4", CultureInfo.InvariantCulture);
        var printable = Formatting.GoQuote.IsPrint(b);
        return "encoding/hex: invalid byte: " + (printable ? code + " '" + char.ConvertFromUtf32(b) + "'" : code);
    }
}
