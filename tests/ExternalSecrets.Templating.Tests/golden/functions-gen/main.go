// Command functions-gen renders the project's sprig function cases with the real Go
// text/template and sprig (Debian: golang-1.19-go, golang-github-masterminds-sprig-dev 3.2.3)
// and writes one JSON line per case with the output or the error text.
//
// Input lines:  {"name": "...", "template": "...", "data": {...}, "missingkey": "error"}
// Output lines: {"name": "...", "output": "..."} or {"name": "...", "error": "..."}
// Outputs are byte strings: "output" holds base64 in "outputBase64" when not valid UTF-8.
package main

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"text/template"
	"time"
	"unicode/utf8"

	"github.com/Masterminds/sprig"
)

type testCase struct {
	Name       string      `json:"name"`
	Template   string      `json:"template"`
	Data       interface{} `json:"data"`
	MissingKey string      `json:"missingkey,omitempty"`
	Note       string      `json:"note,omitempty"`
}

type result struct {
	Name         string `json:"name"`
	Output       string `json:"output,omitempty"`
	OutputBase64 string `json:"outputBase64,omitempty"`
	Error        string `json:"error,omitempty"`
}

func funcs() template.FuncMap {
	f := sprig.TxtFuncMap()
	// ESO removes these: a template must not read the environment or the network.
	delete(f, "env")
	delete(f, "expandenv")
	delete(f, "getHostByName")
	// Pin the clock so date cases are reproducible (the C# side injects the same instant).
	fixed := time.Date(2024, 3, 15, 12, 34, 56, 789000000, time.UTC)
	f["now"] = func() time.Time { return fixed }
	return f
}

func main() {
	// time.Local must be UTC for reproducible date output; run with TZ=UTC.
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<24)
	out := bufio.NewWriter(os.Stdout)
	defer out.Flush()
	fm := funcs()
	for in.Scan() {
		line := bytes.TrimSpace(in.Bytes())
		if len(line) == 0 || line[0] == '#' {
			continue
		}
		var tc testCase
		dec := json.NewDecoder(bytes.NewReader(line))
		dec.UseNumber()
		if err := dec.Decode(&tc); err != nil {
			fmt.Fprintln(os.Stderr, "bad case:", err, string(line))
			os.Exit(2)
		}
		tc.Data = normalize(tc.Data)
		res := result{Name: tc.Name}
		t := template.New(tc.Name).Funcs(fm)
		if tc.MissingKey != "" {
			t = t.Option("missingkey=" + tc.MissingKey)
		}
		t, err := t.Parse(tc.Template)
		if err != nil {
			res.Error = err.Error()
		} else {
			var buf bytes.Buffer
			if err := t.Execute(&buf, tc.Data); err != nil {
				res.Error = err.Error()
			} else if utf8.Valid(buf.Bytes()) {
				res.Output = buf.String()
			} else {
				res.OutputBase64 = base64.StdEncoding.EncodeToString(buf.Bytes())
			}
		}
		b, _ := json.Marshal(res)
		out.Write(b)
		out.WriteByte('\n')
	}
}

// normalize turns JSON numbers into int (when integral) or float64, as the C# side's
// GoValues.FromClr does for the same JSON.
func normalize(v interface{}) interface{} {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return int(i)
		}
		f, _ := x.Float64()
		return f
	case map[string]interface{}:
		for k, e := range x {
			x[k] = normalize(e)
		}
		return x
	case []interface{}:
		for i, e := range x {
			x[i] = normalize(e)
		}
		return x
	}
	return v
}
