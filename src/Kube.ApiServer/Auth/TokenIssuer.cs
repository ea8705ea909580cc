using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Kube.ApiServer.Http;
using Kube.ApiServer.Resources;
using Kube.ApiServer.Storage;

namespace Kube.ApiServer.Auth;

/// <summary>
/// Service account tokens (reference §12.1–12.2): TokenRequest issues RS256 JWTs signed with the
/// server's key, TokenReview and bearer authentication verify them, and the OIDC discovery document
/// plus JWKS let external verifiers (e.g. Vault) check them offline. Claims follow the upstream
/// bound-token layout (<c>kubernetes.io: {namespace, serviceaccount: {name, uid}}</c>).
/// </summary>
internal sealed class TokenIssuer
{
    private const int DefaultExpirationSeconds = 3600;
    private const int MinExpirationSeconds = 600;
    private const int MaxExpirationSeconds = 48 * 3600;

    private readonly RSA _key;
    private readonly string _keyId;
    private readonly TimeProvider _time;
    private readonly ObjectStore _store;

    public TokenIssuer(RSA key, string issuer, TimeProvider time, ObjectStore store)
    {
        _key = key;
        Issuer = issuer;
        _time = time;
        _store = store;
        var n = key.ExportParameters(false).Modulus!;
        _keyId = Base64Url(SHA256.HashData(n));
    }

    public string Issuer { get; }

    /// <summary>Where verifiers fetch our keys (this server's own address, known once it listens).</summary>
    public string JwksUri { get; set; } = string.Empty;

    public JsonObject CreateToken(string ns, string name, string saUid, JsonObject request)
    {
        var spec = JsonObjects.Obj(request, "spec") ?? [];
        var seconds = spec["expirationSeconds"] is JsonValue v && v.TryGetValue<long>(out var s) ? s : DefaultExpirationSeconds;
        if (seconds < MinExpirationSeconds)
        {
            throw ApiException.Invalid("TokenRequest", "authentication.k8s.io", name, "spec.expirationSeconds", "Invalid value: may not specify a duration less than 10 minutes");
        }

        seconds = Math.Min(seconds, MaxExpirationSeconds);
        var audiences = JsonObjects.StringList(spec, "audiences");
        if (audiences.Count == 0)
        {
            audiences.Add(Issuer);
        }

        var now = _time.GetUtcNow();
        var exp = now.AddSeconds(seconds);
        var k8s = new JsonObject
        {
            ["namespace"] = ns,
            ["serviceaccount"] = new JsonObject { ["name"] = name, ["uid"] = saUid },
        };
        if (JsonObjects.Obj(spec, "boundObjectRef") is { } bound)
        {
            var kind = (JsonObjects.Str(bound, "kind") ?? "object").ToLowerInvariant();
            k8s[kind] = new JsonObject { ["name"] = JsonObjects.Str(bound, "name"), ["uid"] = JsonObjects.Str(bound, "uid") };
        }

        var claims = new JsonObject
        {
            ["aud"] = new JsonArray([.. audiences.Select(a => (JsonNode)a)]),
            ["exp"] = exp.ToUnixTimeSeconds(),
            ["iat"] = now.ToUnixTimeSeconds(),
            ["iss"] = Issuer,
            ["jti"] = Guid.NewGuid().ToString(),
            ["kubernetes.io"] = k8s,
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["sub"] = $"system:serviceaccount:{ns}:{name}",
        };
        var token = Sign(claims);
        var answer = (JsonObject)request.DeepClone();
        answer["kind"] = "TokenRequest";
        answer["apiVersion"] = "authentication.k8s.io/v1";
        var meta = JsonObjects.Metadata(answer);
        meta["name"] = name;
        meta["namespace"] = ns;
        meta["creationTimestamp"] = null;
        spec["audiences"] = new JsonArray([.. audiences.Select(a => (JsonNode)a)]);
        spec["expirationSeconds"] = seconds;
        answer["spec"] = spec.DeepClone();
        answer["status"] = new JsonObject { ["token"] = token, ["expirationTimestamp"] = JsonObjects.Timestamp(exp) };
        return answer;
    }

    public JsonObject TokenReview(JsonObject request)
    {
        var spec = JsonObjects.Obj(request, "spec") ?? [];
        var token = JsonObjects.Str(spec, "token") ?? string.Empty;
        var audiences = JsonObjects.StringList(spec, "audiences");
        var review = Review(token, audiences.Count == 0 ? null : audiences);
        var status = new JsonObject { ["authenticated"] = review.Authenticated };
        if (review.Authenticated)
        {
            status["user"] = new JsonObject
            {
                ["username"] = $"system:serviceaccount:{review.Namespace}:{review.Name}",
                ["uid"] = review.Uid,
                ["groups"] = new JsonArray("system:serviceaccounts", $"system:serviceaccounts:{review.Namespace}", "system:authenticated"),
            };
            status["audiences"] = new JsonArray([.. review.Audiences.Select(a => (JsonNode)a)]);
        }
        else
        {
            status["user"] = new JsonObject();
            status["error"] = review.Error;
        }

        var answer = (JsonObject)request.DeepClone();
        answer["kind"] = "TokenReview";
        answer["apiVersion"] = "authentication.k8s.io/v1";
        answer["metadata"] ??= new JsonObject { ["creationTimestamp"] = null };
        answer["status"] = status;
        return answer;
    }

    public ReviewResult Review(string token, IReadOnlyList<string>? audiences)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return ReviewResult.Fail("invalid bearer token");
        }

        JsonObject? claims;
        try
        {
            var signed = Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}");
            if (!_key.VerifyData(signed, FromBase64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1))
            {
                return ReviewResult.Fail("invalid bearer token, square/go-jose: error in cryptographic primitive");
            }

            claims = JsonNode.Parse(FromBase64Url(parts[1])) as JsonObject;
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException or CryptographicException)
        {
            return ReviewResult.Fail("invalid bearer token");
        }

        if (claims is null || JsonObjects.Str(claims, "iss") != Issuer)
        {
            return ReviewResult.Fail("invalid bearer token");
        }

        var now = _time.GetUtcNow().ToUnixTimeSeconds();
        if (claims["exp"] is not JsonValue ev || ev.GetValue<long>() < now)
        {
            return ReviewResult.Fail("invalid bearer token, Token has expired.");
        }

        var tokenAudiences = JsonObjects.StringList(claims, "aud");
        var granted = audiences is null ? tokenAudiences : tokenAudiences.Intersect(audiences).ToList();
        if (granted.Count == 0)
        {
            return ReviewResult.Fail("invalid bearer token, token audiences don't match");
        }

        var k8s = JsonObjects.Obj(claims, "kubernetes.io");
        var ns = JsonObjects.Str(k8s, "namespace") ?? string.Empty;
        var sa = JsonObjects.Obj(k8s, "serviceaccount");
        var name = JsonObjects.Str(sa, "name") ?? string.Empty;
        var uid = JsonObjects.Str(sa, "uid") ?? string.Empty;
        var live = _store.Get("/serviceaccounts", ns, name);
        if (live is null || live.Uid != uid)
        {
            return ReviewResult.Fail($"invalid bearer token, service account {ns}/{name} has been deleted");
        }

        return new ReviewResult(true, ns, name, uid, granted, null);
    }

    public JsonObject OpenIdConfiguration() => new()
    {
        ["issuer"] = Issuer,
        ["jwks_uri"] = JwksUri,
        ["response_types_supported"] = new JsonArray("id_token"),
        ["subject_types_supported"] = new JsonArray("public"),
        ["id_token_signing_alg_values_supported"] = new JsonArray("RS256"),
    };

    public JsonObject Jwks()
    {
        var p = _key.ExportParameters(false);
        return new JsonObject
        {
            ["keys"] = new JsonArray(new JsonObject
            {
                ["use"] = "sig",
                ["kty"] = "RSA",
                ["kid"] = _keyId,
                ["alg"] = "RS256",
                ["n"] = Base64Url(p.Modulus!),
                ["e"] = Base64Url(p.Exponent!),
            }),
        };
    }

    private string Sign(JsonObject claims)
    {
        var header = new JsonObject { ["alg"] = "RS256", ["kid"] = _keyId };
        var signingInput = $"{Base64Url(JsonObjects.ToBytes(header))}.{Base64Url(JsonObjects.ToBytes(claims))}";
        var sig = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64Url(sig)}";
    }

    private static string Base64Url(byte[] data) => Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] FromBase64Url(string s)
    {
        var b = s.Replace('-', '+').Replace('_', '/');
        b += new string('=', (4 - (b.Length % 4)) % 4);
        return Convert.FromBase64String(b);
    }

    internal sealed record ReviewResult(bool Authenticated, string Namespace, string Name, string Uid, IReadOnlyList<string> Audiences, string? Error)
    {
        public static ReviewResult Fail(string error) => new(false, string.Empty, string.Empty, string.Empty, [], error);
    }
}
