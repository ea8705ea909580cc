namespace Templating.Bench;

/// <summary>The templates and data both benchmarks (C# here, Go in ../templating-go) render; keep them identical.</summary>
internal static class BenchTemplates
{
    /// <summary>The seed's DATABASE_URL template.</summary>
    public const string DatabaseUrl = "postgresql://{{ .username }}:{{ .password }}@db.production.acme.com:5432/checkout";

    /// <summary>A typical ExternalSecret with ten templated keys (ESO renders each key's template on its own).</summary>
    public static readonly (string Key, string Template)[] TenKeys =
    [
        ("DATABASE_URL", DatabaseUrl),
        ("DB_USER", "{{ .username }}"),
        ("DB_PASSWORD", "{{ .password }}"),
        ("DB_HOST", "{{ .host }}:{{ .port }}"),
        ("API_KEY", "{{ index . \"api-key\" }}"),
        ("REDIS_URL", "redis://:{{ .redis_password }}@{{ .redis_host }}:6379/0"),
        ("TLS_ENABLED", "{{ if eq .tls \"true\" }}require{{ else }}disable{{ end }}"),
        ("SMTP", "smtp://{{ .smtp_user | urlquery }}:{{ .smtp_password | urlquery }}@smtp.acme.com:587"),
        ("CONFIG", "user={{ .username }}\nhost={{ .host }}\n{{- if .region }}\nregion={{ .region }}{{ end }}\n"),
        ("LABEL", "{{ printf \"%s-%s\" .service .region }}"),
    ];

    public static readonly Dictionary<string, string> Data = new(StringComparer.Ordinal)
    {
        ["username"] = "checkout",
        ["password"] = "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5",
        ["host"] = "db.production.acme.com",
        ["port"] = "5432",
        ["api-key"] = "ak_live_0123456789abcdef",
        ["redis_password"] = "r3d1s-p4ss",
        ["redis_host"] = "redis.production.acme.com",
        ["tls"] = "true",
        ["smtp_user"] = "mailer@acme.com",
        ["smtp_password"] = "p@ss word/+",
        ["region"] = "eu-west-1",
        ["service"] = "checkout",
    };
}
