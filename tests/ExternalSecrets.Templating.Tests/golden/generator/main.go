// Command goldengen renders the project's template case files with Go's real text/template
// (and sprig, for cases that ask for it) and writes one JSON line per case with the output and
// the error text. The C# conformance tests compare the engine against these lines.
//
// Usage: see ../generate.sh (GOPATH mode against Debian's golang-1.19-go and
// golang-github-masterminds-sprig-dev packages).
package main

import (
	"bufio"
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig"
)

// testCase is one line of a case file; see ../README.md for the fields.
type testCase struct {
	Name       string          `json:"name"`
	Template   string          `json:"template"`
	Data       json.RawMessage `json:"data"`
	DataKind   string          `json:"data_kind"`
	Funcs      string          `json:"funcs"`
	MissingKey string          `json:"missingkey"`
	Left       string          `json:"left"`
	Right      string          `json:"right"`
	MinGo      string          `json:"min_go"`
}

type result struct {
	Name   string  `json:"name"`
	Output string  `json:"output"`
	Error  *string `json:"error"`
	Go     string  `json:"go"`
}

// typed converts JSON into Go values keeping integers as int (the engine tests need Go ints).
func typed(v interface{}) interface{} {
	switch x := v.(type) {
	case json.Number:
		s := x.String()
		if strings.ContainsAny(s, ".eE") {
			f, _ := x.Float64()
			return f
		}
		i, err := x.Int64()
		if err != nil {
			f, _ := x.Float64()
			return f
		}
		return int(i)
	case map[string]interface{}:
		for k, e := range x {
			x[k] = typed(e)
		}
		return x
	case []interface{}:
		for i, e := range x {
			x[i] = typed(e)
		}
		return x
	}
	return v
}

func decodeData(c testCase) (interface{}, error) {
	if len(c.Data) == 0 || string(c.Data) == "null" {
		return nil, nil
	}
	switch c.DataKind {
	case "strings":
		// ESO's data: map[string]string; a value "b64:..." carries raw bytes.
		var m map[string]string
		if err := json.Unmarshal(c.Data, &m); err != nil {
			return nil, err
		}
		for k, v := range m {
			if strings.HasPrefix(v, "b64:") {
				b, err := base64.StdEncoding.DecodeString(v[4:])
				if err != nil {
					return nil, err
				}
				m[k] = string(b)
			}
		}
		return m, nil
	case "json":
		var v interface{}
		err := json.Unmarshal(c.Data, &v)
		return v, err
	default:
		dec := json.NewDecoder(bytes.NewReader(c.Data))
		dec.UseNumber()
		var v interface{}
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		return typed(v), nil
	}
}

// testFuncs mirrors the helper functions of Go's exec tests that the case file uses.
func testFuncs() template.FuncMap {
	return template.FuncMap{
		"echo":     func(a interface{}) interface{} { return a },
		"oneArg":   func(a string) string { return "oneArg=" + a },
		"twoArgs":  func(a, b string) string { return "twoArgs=" + a + b },
		"dddArg":   func(a int, b ...string) string { return fmt.Sprintf("dddArg=%d=%s", a, strings.Join(b, ",")) },
		"zeroArgs": func() string { return "zeroArgs" },
		"die":      func() bool { panic("die") },
		"add":      func(a, b int) int { return a + b },
		"fail":     func(s string) (string, error) { return "", fmt.Errorf("%s", s) },
		"makemap": func(arg ...string) map[string]string {
			m := make(map[string]string)
			for i := 0; i+1 < len(arg); i += 2 {
				m[arg[i]] = arg[i+1]
			}
			return m
		},
		"mapOfThree": func() interface{} { return map[string]int{"three": 3} },
	}
}

func run(c testCase) result {
	r := result{Name: c.Name, Go: runtime.Version()}
	fail := func(err error) result {
		s := err.Error()
		r.Error = &s
		return r
	}
	data, err := decodeData(c)
	if err != nil {
		return fail(fmt.Errorf("bad case data: %v", err))
	}
	t := template.New(c.Name)
	switch c.Funcs {
	case "test":
		t = t.Funcs(testFuncs())
	case "sprig":
		t = t.Funcs(sprig.TxtFuncMap())
	}
	if c.MissingKey != "" {
		t = t.Option("missingkey=" + c.MissingKey)
	}
	if c.Left != "" || c.Right != "" {
		t = t.Delims(c.Left, c.Right)
	}
	t, err = t.Parse(c.Template)
	if err != nil {
		return fail(err)
	}
	var buf bytes.Buffer
	err = t.Execute(&buf, data)
	r.Output = buf.String()
	if err != nil {
		return fail(err)
	}
	return r
}

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: goldengen CASES.jsonl EXPECTED.jsonl")
		os.Exit(2)
	}
	in, err := os.Open(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer in.Close()
	var results []result
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 1<<20), 1<<24)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "//") {
			continue
		}
		var c testCase
		if err := json.Unmarshal([]byte(text), &c); err != nil {
			fmt.Fprintf(os.Stderr, "%s:%d: %v\n", os.Args[1], line, err)
			os.Exit(1)
		}
		if c.MinGo != "" && c.MinGo > "1.19" {
			continue // needs a newer Go than the oracle; the case file carries the expectation
		}
		results = append(results, run(c))
	}
	out, err := os.Create(os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	defer out.Close()
	w := bufio.NewWriter(out)
	for _, r := range results {
		b, _ := json.Marshal(r)
		w.Write(b)
		w.WriteByte('\n')
	}
	w.Flush()
}
