// Benchmarks Go's text/template on the same templates and data as ../Templating.Bench
// (parse once, render many, missingkey=error, map[string]string data as ESO passes it).
package templatingbench

import (
	"bytes"
	"testing"
	"text/template"
)

const databaseURL = "postgresql://{{ .username }}:{{ .password }}@db.production.acme.com:5432/checkout"

var tenKeys = [][2]string{
	{"DATABASE_URL", databaseURL},
	{"DB_USER", "{{ .username }}"},
	{"DB_PASSWORD", "{{ .password }}"},
	{"DB_HOST", "{{ .host }}:{{ .port }}"},
	{"API_KEY", "{{ index . \"api-key\" }}"},
	{"REDIS_URL", "redis://:{{ .redis_password }}@{{ .redis_host }}:6379/0"},
	{"TLS_ENABLED", "{{ if eq .tls \"true\" }}require{{ else }}disable{{ end }}"},
	{"SMTP", "smtp://{{ .smtp_user | urlquery }}:{{ .smtp_password | urlquery }}@smtp.acme.com:587"},
	{"CONFIG", "user={{ .username }}\nhost={{ .host }}\n{{- if .region }}\nregion={{ .region }}{{ end }}\n"},
	{"LABEL", "{{ printf \"%s-%s\" .service .region }}"},
}

var data = map[string]string{
	"username":       "checkout",
	"password":       "Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5",
	"host":           "db.production.acme.com",
	"port":           "5432",
	"api-key":        "ak_live_0123456789abcdef",
	"redis_password": "r3d1s-p4ss",
	"redis_host":     "redis.production.acme.com",
	"tls":            "true",
	"smtp_user":      "mailer@acme.com",
	"smtp_password":  "p@ss word/+",
	"region":         "eu-west-1",
	"service":        "checkout",
}

func parse(b *testing.B, name, text string) *template.Template {
	t, err := template.New(name).Option("missingkey=error").Parse(text)
	if err != nil {
		b.Fatal(err)
	}
	return t
}

// BenchmarkDatabaseURL renders into a new buffer and keeps the string, as ESO does per key.
func BenchmarkDatabaseURL(b *testing.B) {
	t := parse(b, "DATABASE_URL", databaseURL)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var buf bytes.Buffer
		if err := t.Execute(&buf, data); err != nil {
			b.Fatal(err)
		}
		_ = buf.String()
	}
}

func BenchmarkTenKeyExternalSecret(b *testing.B) {
	ts := make([]*template.Template, len(tenKeys))
	for i, k := range tenKeys {
		ts[i] = parse(b, k[0], k[1])
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, t := range ts {
			var buf bytes.Buffer
			if err := t.Execute(&buf, data); err != nil {
				b.Fatal(err)
			}
			_ = buf.String()
		}
	}
}

func BenchmarkDatabaseURLIntoBuffer(b *testing.B) {
	t := parse(b, "DATABASE_URL", databaseURL)
	var buf bytes.Buffer
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		buf.Reset()
		if err := t.Execute(&buf, data); err != nil {
			b.Fatal(err)
		}
	}
}
