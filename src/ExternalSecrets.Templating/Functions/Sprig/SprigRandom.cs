using System.Security.Cryptography;
using ExternalSecrets.Templating.Values;
using static ExternalSecrets.Templating.Functions.Sprig.Sig;

namespace ExternalSecrets.Templating.Functions.Sprig;

/// <summary>sprig's random helpers (crypto-strength, like goutils' CryptoRandom*): rand*, shuffle, uuidv4, randBytes.</summary>
internal static class SprigRandom
{
    private const string Alpha = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    private const string Digits = "0123456789";

    public static void Register(FuncMap m)
    {
        Fn(m, "randAlphaNum", S, [I], static (ctx, a) => Ok(Random(ctx, Int(a, 0), Alpha + Digits)));
        Fn(m, "randAlpha", S, [I], static (ctx, a) => Ok(Random(ctx, Int(a, 0), Alpha)));
        Fn(m, "randNumeric", S, [I], static (ctx, a) => Ok(Random(ctx, Int(a, 0), Digits)));
        Fn(m, "randAscii", S, [I], static (ctx, a) =>
        {
            var printable = string.Concat(Enumerable.Range(32, 95).Select(c => (char)c));
            return Ok(Random(ctx, Int(a, 0), printable));
        });
        Fn(m, "shuffle", S, [S], static (_, a) =>
        {
            var runes = GoText.ToRunes(Str(a, 0));
            for (var i = runes.Count - 1; i > 0; i--)
            {
                var j = RandomNumberGenerator.GetInt32(i + 1);
                (runes[i], runes[j]) = (runes[j], runes[i]);
            }

            return Ok(GoText.FromRunes(runes));
        });
        Fn(m, "uuidv4", S, [], static (_, _) => Ok(GoString.FromUtf8(Guid.NewGuid().ToString("D"))));
        Fn(m, "randBytes", S, [I], static (ctx, a) =>
        {
            var n = Int(a, 0);
            if (n < 0)
            {
                throw new InvalidOperationException("runtime error: makeslice: len out of range");
            }

            ctx.EnsureSize(n * 4 / 3);
            return Ok(GoString.FromUtf8(Convert.ToBase64String(RandomNumberGenerator.GetBytes((int)n))));
        }, returnsError: true);
    }

    // goutils returns an error (which sprig drops, giving "") for a negative count.
    private static GoString Random(FunctionContext ctx, long count, string chars)
    {
        if (count <= 0)
        {
            return GoString.Empty;
        }

        ctx.EnsureSize(count);
        return GoString.FromUtf8(RandomNumberGenerator.GetString(chars, (int)count));
    }
}
