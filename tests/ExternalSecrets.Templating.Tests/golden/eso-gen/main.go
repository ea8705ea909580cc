// Command eso-gen renders ESO-only template cases (toYaml/fromYaml, which are not in sprig) with
// Go's text/template, sprig and an oracle of ESO's YAML helpers built on the same libraries ESO
// uses underneath (encoding/json + go-yaml v2, as sigs.k8s.io/yaml does), and writes the case
// file with the Go results embedded ("want"/"want_error"), so the C# suite needs no Go.
//
// Input (stdin): lines {"name","template","data"}; output (stdout): case lines for ../cases.
package main

import (
	"bufio"
	"bytes"
	"crypto/sha512"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"strconv"
	"strings"
	"text/template"

	"github.com/Masterminds/sprig"
	yaml "gopkg.in/yaml.v2"
)

func toYAML(v interface{}) string {
	j, err := json.Marshal(v)
	if err != nil {
		return ""
	}
	var obj interface{}
	if err := yaml.Unmarshal(j, &obj); err != nil {
		return ""
	}
	out, err := yaml.Marshal(obj)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(string(out), "\n")
}

func jsonable(v interface{}) (interface{}, error) {
	switch x := v.(type) {
	case map[interface{}]interface{}:
		m := map[string]interface{}{}
		for k, e := range x {
			var ks string
			switch tk := k.(type) {
			case string:
				ks = tk
			case int:
				ks = strconv.Itoa(tk)
			case int64:
				ks = strconv.FormatInt(tk, 10)
			case float64:
				ks = strconv.FormatFloat(tk, 'g', -1, 64)
			case bool:
				ks = strconv.FormatBool(tk)
			case nil:
				ks = "null"
			default:
				return nil, fmt.Errorf("unsupported map key of type: %T", k)
			}
			c, err := jsonable(e)
			if err != nil {
				return nil, err
			}
			m[ks] = c
		}
		return m, nil
	case []interface{}:
		out := make([]interface{}, len(x))
		for i, e := range x {
			c, err := jsonable(e)
			if err != nil {
				return nil, err
			}
			out[i] = c
		}
		return out, nil
	}
	return v, nil
}

func fromYAML(s string) map[string]interface{} {
	m := map[string]interface{}{}
	var obj interface{}
	if err := yaml.Unmarshal([]byte(s), &obj); err != nil {
		m["Error"] = "error converting YAML to JSON: " + err.Error()
		return m
	}
	c, err := jsonable(obj)
	if err != nil {
		m["Error"] = "error converting YAML to JSON: " + err.Error()
		return m
	}
	j, err := json.Marshal(c)
	if err != nil {
		m["Error"] = "error converting YAML to JSON: " + err.Error()
		return m
	}
	var target interface{} = &m
	if err := json.NewDecoder(bytes.NewReader(j)).Decode(&target); err != nil {
		m["Error"] = "error unmarshaling JSON: while decoding JSON: " + err.Error()
	}
	return m
}

type srcCase struct {
	Name     string          `json:"name"`
	Template string          `json:"template"`
	Data     json.RawMessage `json:"data,omitempty"`
	Note     string          `json:"note,omitempty"`
}

type outCase struct {
	Name      string          `json:"name"`
	Template  string          `json:"template"`
	Data      json.RawMessage `json:"data,omitempty"`
	Funcs     string          `json:"funcs"`
	MinGo     string          `json:"min_go"`
	Want      string          `json:"want"`
	WantError *string         `json:"want_error,omitempty"`
	Note      string          `json:"note,omitempty"`
}

func main() {
	fm := sprig.TxtFuncMap()
	fm["toYaml"] = toYAML
	fm["fromYaml"] = fromYAML
	// ESO's vendored sprig (3.3 based) adds these over Debian's 3.2.3.
	fm["sha512sum"] = func(input string) string { h := sha512.Sum512([]byte(input)); return hex.EncodeToString(h[:]) }
	fm["hexdec"] = func(s string) string {
		b, err := hex.DecodeString(s)
		if err != nil {
			return err.Error()
		}
		return string(b)
	}
	in := bufio.NewScanner(os.Stdin)
	in.Buffer(make([]byte, 1<<20), 1<<24)
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	for in.Scan() {
		var c srcCase
		if err := json.Unmarshal(in.Bytes(), &c); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		var data interface{}
		if len(c.Data) > 0 {
			d := json.NewDecoder(bytes.NewReader(c.Data))
			d.UseNumber()
			_ = d.Decode(&data)
			data = typed(data)
		}
		out := outCase{Name: c.Name, Template: c.Template, Data: c.Data, Funcs: "sprig", MinGo: "eso", Note: c.Note}
		t, err := template.New(c.Name).Funcs(fm).Parse(c.Template)
		if err == nil {
			var buf bytes.Buffer
			err = t.Execute(&buf, data)
			out.Want = buf.String()
		}
		if err != nil {
			s := err.Error()
			out.WantError = &s
		}
		b, _ := json.Marshal(out)
		w.Write(b)
		w.WriteByte('\n')
	}
}

func typed(v interface{}) interface{} {
	switch x := v.(type) {
	case json.Number:
		if i, err := x.Int64(); err == nil && !strings.ContainsAny(x.String(), ".eE") {
			return int(i)
		}
		f, _ := x.Float64()
		return f
	case map[string]interface{}:
		for k, e := range x {
			x[k] = typed(e)
		}
	case []interface{}:
		for i, e := range x {
			x[i] = typed(e)
		}
	}
	return v
}
