#!/usr/bin/env python3
"""Authors cases/engine.jsonl: the engine conformance cases.

The cases are the project's own, derived from reading Go's text/template test tables
(exec_test.go execTests/cmpTests/TestMissingMapKey/TestDelims, parse_test.go parseTests/
errorTests/numberTests, lex_test.go) and re-expressed with JSON data: Go-only fixtures
(methods, pointers, channels, complex numbers, sized ints) are left out or replaced by
map data. Expected outputs are NOT written here: generate.sh renders every case with the
real Go 1.19 text/template into ../expected/engine.jsonl. Cases that need a newer Go
(min_go) carry a hand-written expectation (want / want_error) and are skipped by the oracle.

Run: python3 make_engine_cases.py > engine.jsonl
"""
import json

TVAL = {
    "True": True, "I": 17, "U16": 16, "X": "x", "S": "xyz", "U": {"V": "v"},
    "SI": [3, 4, 5], "SIEmpty": [], "AI": [3, 4, 5], "SB": [True, False],
    "MSI": {"one": 1, "two": 2, "three": 3}, "MSIone": {"one": 1}, "MSIEmpty": {},
    "MXI": {"one": 1}, "SMSI": [{"one": 1, "two": 2}, {"eleven": 11, "twelve": 12}],
    "Empty0": None, "Empty1": 3, "Empty2": "empty2", "Empty3": [7, 8], "Empty4": {"V": "UinEmpty"},
    "FloatZero": 0.0, "PS": "a string", "PSI": [21, 22, 23], "NIL": None,
    "Uthree": 3, "Ufour": 4, "Three": 3, "NegOne": -1, "Map": None, "NonNilMap": {"a": 1},
}

cases = []
names = set()


def case(name, template, data=None, **kw):
    assert name not in names, name
    names.add(name)
    c = {"name": name, "template": template}
    if data is not None:
        c["data"] = data
    c.update(kw)
    cases.append(c)


def t(name, template, **kw):
    case(name, template, TVAL, **kw)


# --- trivial, constants -------------------------------------------------------------
case("empty", "")
case("text", "some text")
case("nil action", "{{nil}}")
case("ideal int printf T", "{{printf `%T` 3}}")
case("ideal float printf T", "{{printf `%T` 1.0}}")
case("ideal exp float printf T", "{{printf `%T` 1e1}}")
case("ideal big int", "{{printf `%T` 9223372036854775807}}")
case("ideal too big", "{{printf `%T` 18446744073709551615}}")
case("char constant", "{{'x'}} {{'\\n'}} {{'\\u00e9'}} {{printf `%T` 'a'}}")

# --- fields -------------------------------------------------------------------------
t(".X", "-{{.X}}-")
t(".U.V", "-{{.U.V}}-")
t("map .one", "{{.MSI.one}}")
t("map .two", "{{.MSI.two}}")
t("map .NO", "{{.MSI.NO}}")
t("map .one interface", "{{.MXI.one}}")
t("map .WRONG args", "{{.MSI.one 1}}")
t("field of string", "{{.X.Y}}")
t("field of int", "{{.I.Y}}")
t("field of nil interface", "{{.Empty0.Y}}")
t("field of missing", "{{.Missing.Y}}")
t("field on parenthesized", "{{(.U).V}}")
case("field on interface nil data", "{{.foo}}")
case("field on parenthesized nil data", "{{(.).foo}}")
case("unparenthesized non-function", "{{1 2}}")
case("parenthesized non-function", "{{(1) 2}}")
case("parenthesized non-function no args", "{{(1)}}")

# --- dots ---------------------------------------------------------------------------
case("dot int", "<{{.}}>", 13)
case("dot float", "<{{.}}>", 15.1)
case("dot bool", "<{{.}}>", True)
case("dot string", "<{{.}}>", "hello")
case("dot slice", "<{{.}}>", [-1, -2, -3])
case("dot map", "<{{.}}>", {"two": 22})
case("dot nested", "<{{.}}>", {"a": [1, "x", 2.5], "b": 2, "c": {"d": None}})
case("dot empty map", "<{{.}}>", {})
case("dot empty list", "<{{.}}>", [])
case("dot null", "<{{.}}>", None)

# --- variables ----------------------------------------------------------------------
case("$ int", "{{$}}", 123)
t("$.I", "{{$.I}}")
t("$.U.V", "{{$.U.V}}")
t("declare in action", "{{$x := $.U.V}}{{$x}}")
t("simple assignment", "{{$x := 2}}{{$x = 3}}{{$x}}")
t("nested assignment", "{{$x := 2}}{{if true}}{{$x = 3}}{{end}}{{$x}}")
t("nested assignment changes the last declaration", "{{$x := 1}}{{if true}}{{$x := 2}}{{if true}}{{$x = 3}}{{end}}{{end}}{{$x}}")
t("variable field chain", "{{$u := .U}}{{$u.V}}")
t("variable missing field", "{{$m := .MSI}}{{$m.nope}}")
t("variable of nil then field", "{{$x := .Empty0}}{{$x.y}}")
t("variable scope ends at end", "{{with $x := 4}}{{$x}}{{end}}")
t("variable in range body", "{{range $i, $e := .SI}}{{$i}}:{{$e}};{{end}}")
t("dollar inside range", "{{range .SI}}{{$.X}}{{end}}")

# --- empty interfaces ---------------------------------------------------------------
t("empty nil", "{{.Empty0}}")
t("empty with int", "{{.Empty1}}")
t("empty with string", "{{.Empty2}}")
t("empty with slice", "{{.Empty3}}")
t("empty with map", "{{.Empty4}}")
t("empty with map, field", "{{.Empty4.V}}")
t("NIL", "{{.NIL}}")

# --- pipelines and calls --------------------------------------------------------------
t("parens in pipeline", "{{printf `%d %d %d` (1) (2 | add 3) (add 4 (add 5 6))}}", funcs="test")
t("parens: $ in paren", "{{($).X}}")
t("parens: $ in paren in pipe", "{{($ | echo).X}}", funcs="test")
t("parens: spaces and args", '{{(makemap "up" "down" "left" "right").left}}', funcs="test")
t("pipeline into function", "{{.X | oneArg}}", funcs="test")
t("pipeline into variadic", "{{\"a\" | dddArg 3 \"b\"}}", funcs="test")
t("zero args function", "{{zeroArgs}}", funcs="test")
t("zero args given one", "{{zeroArgs 1}}", funcs="test")
t("one arg given two", "{{oneArg `a` `b`}}", funcs="test")
t("variadic too few", "{{dddArg}}", funcs="test")
t("function error", "{{fail `boom`}}", funcs="test")
t("function panic", "{{die}}", funcs="test")
t("function wrong constant type", "{{oneArg 3}}", funcs="test")
t("function wrong field type", "{{oneArg .I}}", funcs="test")
t("function nil field", "{{oneArg .Empty0}}", funcs="test")
t("function missing field", "{{oneArg .Missing}}", funcs="test")
t("function nil constant", "{{oneArg nil}}", funcs="test")
t("int param given float", "{{add 1.5 2}}", funcs="test")
t("int param given string", "{{add `1` 2}}", funcs="test")
t("int param given int field", "{{add .I 1}}", funcs="test")
t("any param gets nil", "{{echo nil}}", funcs="test")
t("any param gets missing", "{{echo .Missing}}", funcs="test")
t("any param gets missing printf", "{{printf `%v` (echo .Missing)}}", funcs="test")
t("map result field", "{{mapOfThree.three}}-{{(mapOfThree).three}}", funcs="test")
t("chain on function result", "{{(makemap `a` `b`).a}}", funcs="test")
t("chain on function result missing", "{{(makemap `a` `b`).c}}", funcs="test")
t("bug7a", "{{3 2}}")
t("bug7b", "{{$x := 1}}{{$x 2}}")
t("bug7c", "{{$x := 1}}{{3 | $x}}")
t("bug8a", "{{3|oneArg}}", funcs="test")
t("bug8b", "{{4|dddArg 3}}", funcs="test")
case("bug9", "{{.cause}}", {"cause": "neglect"}, data_kind="strings")
t("bug12xe", "{{printf `%T` 0xef}}")
t("bug12XE", "{{printf `%T` 0XEE}}")
t("bug14a", "{{(nil).True}}")
t("bug14b", "{{$x := nil}}{{$x.anything}}")
t("bug14c", "{{$x := (1.0)}}{{$y := (\"hello\")}}{{$x.anything}}{{$y.true}}")
t("bug16a", "{{true|printf}}")
t("bug16b", "{{1|printf}}")
t("bug16c", "{{1.1|printf}}")
t("bug16d", "{{'x'|printf}}")
t("bug16f", "{{true|twoArgs \"xxx\"}}", funcs="test")
t("bug16g", "{{\"aaa\" |twoArgs \"bbb\"}}", funcs="test")
t("bug16h", "{{1|oneArg}}", funcs="test")
t("bug16i", "{{\"aaa\"|oneArg}}", funcs="test")
t("bug16k", "{{\"aaa\"|printf }}")
case("bug18a", "{{eq . '.'}}", 46)
case("bug18b", "{{eq . 'e'}}", 101)

# --- if / with -------------------------------------------------------------------------
t("if true", "{{if true}}TRUE{{end}}")
t("if false", "{{if false}}TRUE{{else}}FALSE{{end}}")
t("if nil", "{{if nil}}TRUE{{end}}")
t("if 1", "{{if 1}}NON-ZERO{{else}}ZERO{{end}}")
t("if 0", "{{if 0}}NON-ZERO{{else}}ZERO{{end}}")
t("if 1.5", "{{if 1.5}}NON-ZERO{{else}}ZERO{{end}}")
t("if 0.0", "{{if .FloatZero}}NON-ZERO{{else}}ZERO{{end}}")
t("if emptystring", "{{if ``}}NON-EMPTY{{else}}EMPTY{{end}}")
t("if string", "{{if `notempty`}}NON-EMPTY{{else}}EMPTY{{end}}")
t("if emptyslice", "{{if .SIEmpty}}NON-EMPTY{{else}}EMPTY{{end}}")
t("if slice", "{{if .SI}}NON-EMPTY{{else}}EMPTY{{end}}")
t("if emptymap", "{{if .MSIEmpty}}NON-EMPTY{{else}}EMPTY{{end}}")
t("if map", "{{if .MSI}}NON-EMPTY{{else}}EMPTY{{end}}")
t("if map unset", "{{if .MXI.none}}NON-ZERO{{else}}ZERO{{end}}")
t("if map not unset", "{{if not .MXI.none}}ZERO{{else}}NON-ZERO{{end}}")
t("if $x with $y int", "{{if $x := true}}{{with $y := .I}}{{$x}},{{$y}}{{end}}{{end}}")
t("if $x with $x int", "{{if $x := true}}{{with $x := .I}}{{$x}},{{end}}{{$x}}{{end}}")
t("if else if", "{{if false}}FALSE{{else if true}}TRUE{{end}}")
t("if else chain", "{{if eq 1 3}}1{{else if eq 2 3}}2{{else if eq 3 3}}3{{end}}")
t("if empty nil", "{{if .Empty0}}non-nil{{else}}nil{{end}}")
t("with true", "{{with true}}{{.}}{{end}}")
t("with false", "{{with false}}{{.}}{{else}}FALSE{{end}}")
t("with 1", "{{with 1}}{{.}}{{else}}ZERO{{end}}")
t("with 0", "{{with 0}}{{.}}{{else}}ZERO{{end}}")
t("with 1.5", "{{with 1.5}}{{.}}{{else}}ZERO{{end}}")
t("with 0.0", "{{with .FloatZero}}{{.}}{{else}}ZERO{{end}}")
t("with emptystring", "{{with ``}}{{.}}{{else}}EMPTY{{end}}")
t("with string", "{{with `notempty`}}{{.}}{{else}}EMPTY{{end}}")
t("with emptyslice", "{{with .SIEmpty}}{{.}}{{else}}EMPTY{{end}}")
t("with slice", "{{with .SI}}{{.}}{{else}}EMPTY{{end}}")
t("with emptymap", "{{with .MSIEmpty}}{{.}}{{else}}EMPTY{{end}}")
t("with map", "{{with .MSIone}}{{.}}{{else}}EMPTY{{end}}")
t("with empty interface, map field", "{{with .Empty4}}{{.V}}{{end}}")
t("with $x int", "{{with $x := .I}}{{$x}}{{end}}")
t("with $x struct.U.V", "{{with $x := $}}{{$x.U.V}}{{end}}")
t("with variable and action", "{{with $x := $}}{{$y := $.U.V}}{{$y}}{{end}}")
t("with missing", "{{with .Missing}}A{{else}}B{{end}}")
t("else with", "{{with .Missing}}A{{else with .X}}B{{.}}{{else}}C{{end}}", min_go="1.23", want="Bx")
t("else with falls through", "{{with .Missing}}A{{else with .Empty0}}B{{else}}C{{end}}", min_go="1.23", want="C")

# --- print / printf / html / js / urlquery ------------------------------------------------
t("print", '{{print "hello, print"}}')
t("print 123", "{{print 1 2 3}}")
t("print nil", "{{print nil}}")
t("print mixed", '{{print 1 2 "a" "b" 3}}')
t("print missing", "{{print .Missing}}")
t("println", "{{println 1 2 3}}")
t("printf int", '{{printf "%04x" 127}}')
t("printf float", '{{printf "%g" 3.5}}')
t("printf string", '{{printf "%s" "hello"}}')
t("printf function", '{{printf "%#q" zeroArgs}}', funcs="test")
t("printf field", '{{printf "%s" .U.V}}')
t("printf dot", '{{with .I}}{{printf "%d" .}}{{end}}')
t("printf var", '{{with $x := .I}}{{printf "%d" $x}}{{end}}')
t("printf lots", '{{printf "%d %s %g %s" 127 "hello" 7.5 .X}}')
t("printf missing arg", '{{printf "%d %d" 1}}')
t("printf extra arg", '{{printf "%d" 1 2}}')
t("printf extra args mixed", '{{printf "x" 1 "a" nil 2.5}}')
t("printf bad verb", '{{printf "%d" "s"}}')
t("printf bad verb nil", '{{printf "%d" nil}}')
t("printf no verb", '{{printf "%"}}')
t("printf percent", '{{printf "100%%"}}')
t("printf T", '{{printf "%T %T %T %T %T %T %T" 1 1.5 "s" true nil .SI .MSI}}')
t("printf v map", '{{printf "%v" .MSI}}')
t("printf plus v", '{{printf "%+v" .SMSI}}')
t("printf sharp v", '{{printf "%#v %#v %#v %#v" 1 "s" .SI .MSIone}}')
t("printf q", '{{printf "%q %q %q" "a\\"b" "tab\\there" "é"}}')
t("printf plus q", '{{printf "%+q" "héllo"}}')
t("printf sharp q", '{{printf "%#q %#q" "back" "with`tick"}}')
t("printf x", '{{printf "%x %X %x % x %#x" "hi" "hi" 255 "abc" "abc"}}')
t("printf o b", '{{printf "%o %#o %O %b %#b" 8 8 8 5 5}}')
t("printf c U", "{{printf \"%c %U %#U\" 65 0x1F600 'x'}}")
t("printf width", '{{printf "[%5d] [%-5d] [%05d] [%+d] [% d] [%5s] [%-5s] [%.2s] [%5.1f]" 42 42 42 42 42 "ab" "ab" "abc" 3.14159}}')
t("printf star", '{{printf "[%*d] [%-*d] [%.*f]" 5 42 5 42 2 3.14159}}')
t("printf bad star", '{{printf "[%*d]" "x" 42}}')
t("printf e f g", '{{printf "%e %E %f %F %g %G" 123456.789 123456.789 123456.789 123456.789 123456.789 1e-7}}')
t("printf g precision", '{{printf "%.3g %.10g %.1g %.0f %.1f %.2f" 1234.5678 1234.5678 0.05 2.5 0.25 1.005}}')
t("printf sharp g", '{{printf "%#g %#.3g %#e %#.0f" 1.0 2.0 3.0 4.0}}')
t("printf t", '{{printf "%t %t %d" true false true}}')
t("printf unicode width", '{{printf "[%4s] [%-4s|]" "é" "日本"}}')
t("printf list of strings", '{{printf "%s" .SB}}')
t("printf d list", '{{printf "%d" .SI}}')
t("printf x list", '{{printf "%x" .SI}}')
t("printf nested nil", '{{printf "%v" .Empty4}} {{printf "%v" (makemap)}}', funcs="test")
t("html", '{{html "<script>alert(\\"XSS\\");</script>"}}')
t("html pipeline", '{{printf "<script>alert(\\"XSS\\");</script>" | html}}')
t("html field", "{{html .PS}}")
t("html untyped nil", "{{html .Empty0}}")
t("html missing", "{{html .Missing}}")
t("html multiple", "{{html 1 \"<\" 2}}")
t("html nul and quote", "{{html \"a\\x00b'c&\"}}")
case("js", "{{js .}}", "It'd be nice.")
case("js specials", "{{js .}}", "<a href=\"x\">&\\</a>\t\n\u0001é\u2028")
case("urlquery", '{{"http://www.example.org/"|urlquery}}')
case("urlquery chars", '{{urlquery "a b&c=d/é~_-."}}')
case("urlquery multiple", '{{urlquery "a" 1 "b"}}')

# --- booleans -----------------------------------------------------------------------------
case("not", "{{not true}} {{not false}}")
case("and", "{{and false 0}} {{and 1 0}} {{and 0 true}} {{and 1 1}}")
case("or", "{{or 0 0}} {{or 1 0}} {{or 0 true}} {{or 1 1}}")
case("or short-circuit", "{{or 0 1 (die)}}", funcs="test")
case("and short-circuit", "{{and 1 0 (die)}}", funcs="test")
case("or short-circuit2", "{{or 0 0 (die)}}", funcs="test")
case("and short-circuit2", "{{and 1 1 (die)}}", funcs="test")
case("and pipe-true", "{{1 | and 1}}")
case("and pipe-false", "{{0 | and 1}}")
case("or pipe-true", "{{1 | or 0}}")
case("or pipe-false", "{{0 | or 0}}")
case("and undef", "{{and 1 .Unknown}}")
case("or undef", "{{or 0 .Unknown}}")
t("boolean if", "{{if and true 1 `hi`}}TRUE{{else}}FALSE{{end}}")
case("boolean if not", "{{if and true 1 `hi` | not}}TRUE{{else}}FALSE{{end}}")
case("boolean if pipe", "{{if true | not | and 1}}TRUE{{else}}FALSE{{end}}")
t("or as if true", '{{or .SI "slice is empty"}}')
t("or as if false", '{{or .SIEmpty "slice is empty"}}')
case("not no args", "{{not}}")
case("and no args", "{{and}}")

# --- index / slice / len --------------------------------------------------------------------
t("slice[0]", "{{index .SI 0}}")
t("slice[1]", "{{index .SI 1}}")
t("slice[HUGE]", "{{index .SI 10}}")
t("slice[len]", "{{index .SI 3}}")
t("slice[-1]", "{{index .SI -1}}")
t("slice[WRONG]", "{{index .SI `hello`}}")
t("slice[nil]", "{{index .SI nil}}")
t("map[one]", "{{index .MSI `one`}}")
t("map[NO]", "{{index .MSI `XXX`}}")
t("map[nil]", "{{index .MSI nil}}")
t("map[``]", "{{index .MSI ``}}")
t("map[WRONG]", "{{index .MSI 10}}")
t("double index", "{{index .SMSI 1 `eleven`}}")
t("nil[1]", "{{index nil 1}}")
t("index of missing", "{{index .Missing 1}}")
t("index of an interface field", "{{index .Empty3 0}}")
t("index no keys", "{{index .SI}}")
t("index string", "{{index .S 1}}")
t("index string out of range", "{{index .S 3}}")
t("index int", "{{index 3 1}}")
t("index nested nil", "{{index .Empty0 1}}")
case("index string map missing", '{{index . "nope"}}|{{index . "a"}}', {"a": "x"}, data_kind="strings")
case("index string map dashed key", '{{index . "my-key"}}', {"my-key": "v"}, data_kind="strings")
t("slice[:]", "{{slice .SI}}")
t("slice[1:]", "{{slice .SI 1}}")
t("slice[1:2]", "{{slice .SI 1 2}}")
t("slice[-1:]", "{{slice .SI -1}}")
t("slice[1:-2]", "{{slice .SI 1 -2}}")
t("slice[1:2:-1]", "{{slice .SI 1 2 -1}}")
t("slice[2:1]", "{{slice .SI 2 1}}")
t("slice[2:2:1]", "{{slice .SI 2 2 1}}")
t("slice out of range", "{{slice .SI 4 5}}")
t("slice 3 out of range", "{{slice .SI 2 2 5}}")
t("slice 3 index", "{{slice .SI 0 2 3}}")
t("array[1:]", "{{slice .AI 1}}")
t("string[:]", "{{slice .S}}")
t("string[0:1]", "{{slice .S 0 1}}")
t("string[1:]", "{{slice .S 1}}")
t("string[1:2]", "{{slice .S 1 2}}")
t("string out of range", "{{slice .S 1 5}}")
t("3-index slice of string", "{{slice .S 1 2 2}}")
t("slice of an interface field", "{{slice .Empty3 0 1}}")
t("slice nil", "{{slice nil}}")
t("slice int", "{{slice 3}}")
t("slice too many", "{{slice .SI 1 2 3 4}}")
t("len slice", "{{len .SI}}")
t("len map", "{{len .MSI }}")
t("len string", "{{len .S}} {{len `héllo`}}")
t("len of int", "{{len 3}}")
t("len of nothing", "{{len .Empty0}}")
t("len of missing", "{{len .Missing}}")
t("len of nil", "{{len nil}}")
t("len of an interface field", "{{len .Empty3}}")

# --- comparisons (cmpTests with literals and map data) -------------------------------------
CMP = [
    "eq true true", "eq true false", "eq 1.5 1.5", "eq 1.5 2.5", "eq 1 1", "eq 1 2", "eq `xy` `xy`",
    "eq `xy` `xyz`", "eq .Uthree .Uthree", "eq .Uthree .Ufour", "eq 3 4 5 6 3", "eq 3 4 5 6 7",
    "ne true true", "ne true false", "ne 1.5 1.5", "ne 1.5 2.5", "ne 1 1", "ne 1 2", "ne `xy` `xy`",
    "ne `xy` `xyz`", "lt 1.5 1.5", "lt 1.5 2.5", "lt 1 1", "lt 1 2", "lt `xy` `xy`", "lt `xy` `xyz`",
    "le 1.5 1.5", "le 1.5 2.5", "le 2.5 1.5", "le 1 1", "le 1 2", "le 2 1", "le `xy` `xy`",
    "le `xy` `xyz`", "le `xyz` `xy`", "gt 1.5 1.5", "gt 1.5 2.5", "gt 1 1", "gt 2 1", "gt 1 2",
    "gt `xy` `xy`", "gt `xy` `xyz`", "ge 1.5 1.5", "ge 1.5 2.5", "ge 2.5 1.5", "ge 1 1", "ge 1 2",
    "ge 2 1", "ge `xy` `xy`", "ge `xy` `xyz`", "ge `xyz` `xy`", "eq .NegOne .Uthree",
    "lt .NegOne .Uthree", "gt .Uthree .NegOne", "eq (index `x` 0) 'x'", "eq (index `x` 0) 'y'",
    "eq .Empty0 .Empty0", "eq .Empty0 0", "eq 0 .Empty0", "eq .Map .Map", "eq .Map nil", "eq nil .Map",
    "eq .Map .NonNilMap", "eq nil nil", "eq .Missing nil", "eq .Missing `x`", "eq `x` .Missing",
    "eq `xy` 1", "eq 2 2.0", "lt true true", "eq .NonNilMap .NonNilMap", "eq .SI .SI", "eq .SI .NonNilMap",
    "lt .SI .SI", "lt `a` 1", "lt nil 1", "eq 1", "lt 1", "eq .I 17", "eq .X `x` `y`", "ne .X `x` `y`",
    "lt -1 0", "ge 0 -1", "eq 1.0 1.0", "lt 0.5 1", "eq (len .SI) 3",
]
for expr in CMP:
    t("cmp " + expr, "{{if " + expr + "}}true{{else}}false{{end}}")

# --- range ----------------------------------------------------------------------------------
t("range []int", "{{range .SI}}-{{.}}-{{end}}")
t("range empty no else", "{{range .SIEmpty}}-{{.}}-{{end}}")
t("range []int else", "{{range .SI}}-{{.}}-{{else}}EMPTY{{end}}")
t("range empty else", "{{range .SIEmpty}}-{{.}}-{{else}}EMPTY{{end}}")
t("range []int break else", "{{range .SI}}-{{.}}-{{break}}NOTREACHED{{else}}EMPTY{{end}}")
t("range []int continue else", "{{range .SI}}-{{.}}-{{continue}}NOTREACHED{{else}}EMPTY{{end}}")
t("range break in if", "{{range .SI}}{{if eq . 4}}{{break}}{{end}}-{{.}}-{{end}}")
t("range continue in if", "{{range .SI}}{{if eq . 4}}{{continue}}{{end}}-{{.}}-{{end}}")
t("range nested break", "{{range .SI}}[{{range $.SB}}{{.}}{{break}}{{end}}]{{end}}")
t("range []bool", "{{range .SB}}-{{.}}-{{end}}")
t("range map", "{{range .MSI}}-{{.}}-{{end}}")
t("range map keys sorted", "{{range $k, $v := .MSI}}{{$k}}={{$v}};{{end}}")
t("range empty map no else", "{{range .MSIEmpty}}-{{.}}-{{end}}")
t("range map else", "{{range .MSI}}-{{.}}-{{else}}EMPTY{{end}}")
t("range empty map else", "{{range .MSIEmpty}}-{{.}}-{{else}}EMPTY{{end}}")
t("range empty interface", "{{range .Empty3}}-{{.}}-{{else}}EMPTY{{end}}")
t("range empty nil", "{{range .Empty0}}-{{.}}-{{end}}")
t("range missing else", "{{range .Missing}}-{{.}}-{{else}}NONE{{end}}")
t("range $x SI", "{{range $x := .SI}}<{{$x}}>{{end}}")
t("range $x $y SI", "{{range $x, $y := .SI}}<{{$x}}={{$y}}>{{end}}")
t("range $x MSIone", "{{range $x := .MSIone}}<{{$x}}>{{end}}")
t("range $x $y MSIone", "{{range $x, $y := .MSIone}}<{{$x}}={{$y}}>{{end}}")
t("declare in range", "{{range $x := .PSI}}<{{$foo:=$x}}{{$x}}>{{end}}")
t("range string", "{{range .S}}{{.}}{{end}}")
t("range float", "{{range 1.5}}{{.}}{{end}}")
t("range true", "{{range true}}{{.}}{{end}}")
t("range dot restored", "{{range .SI}}{{end}}{{.X}}")
t("range int", "{{range 3}}{{.}}{{end}}", min_go="1.22", want="012")
t("range int zero else", "{{range 0}}x{{else}}none{{end}}", min_go="1.22", want="none")
t("range int var", "{{range $i := 3}}[{{$i}}]{{end}}", min_go="1.22", want="[0][1][2]")
t("range int two vars", "{{range $i, $j := 3}}{{end}}", min_go="1.22",
  want_error="template: range int two vars:1:18: executing \"range int two vars\" at <3>: can't use 3 to iterate over more than one variable")
t("range assign existing vars", "{{$i := 0}}{{$v := 0}}{{range $i, $v = .SI}}{{end}}{{$i}} {{$v}}", min_go="1.21", want="2 5")
t("range assign one var", "{{$v := 0}}{{range $v = .SI}}{{end}}{{$v}}", min_go="1.21", want="5")

# --- templates: define / template / block ----------------------------------------------------------
t("template basic", '{{define "a"}}A{{.}}{{end}}{{template "a" .X}}')
t("template nil dot", '{{define "a"}}[{{.}}]{{end}}{{template "a"}}')
t("template not defined", '{{template "nope"}}')
t("template vars not visible", '{{define "a"}}{{$}}{{end}}{{$x := 1}}{{template "a" 2}}')
t("block default", '{{block "b" .X}}<{{.}}>{{end}}')
t("block overridden", '{{define "b"}}override{{end}}{{block "b" .X}}<{{.}}>{{end}}')
t("multiple definition", '{{define "a"}}1{{end}}{{define "a"}}2{{end}}')
t("empty redefinition ok", '{{define "a"}}1{{end}}{{define "a"}} {{end}}{{template "a"}}')
t("recursive template", '{{define "r"}}{{if .}}{{index . 0}}{{template "r" (slice . 1)}}{{end}}{{end}}{{template "r" .SI}}')
t("template error location", '{{define "a"}}\n  {{.Missing.x.y}}{{index 1 2}}{{end}}{{template "a" .}}')
t("template in range", '{{define "a"}}<{{.}}>{{end}}{{range .SI}}{{template "a" .}}{{end}}')
t("define with raw name", "{{define `r`}}raw{{end}}{{template `r`}}")
t("define nested is error", '{{define "a"}}{{define "b"}}{{end}}{{end}}')
t("define non-string name", "{{define a}}{{end}}")
t("template non-string name", "{{template .X}}")
t("block missing pipeline", '{{block "foo"}}hello{{end}}')
t("template missing name", "{{template}}")
t("top level only defines", '{{define "a"}}A{{end}}')

# --- missingkey --------------------------------------------------------------------------------
for mode in ["", "default", "invalid", "zero", "error"]:
    label = mode or "unset"
    case("missingkey " + label + " ints", "{{.x}} {{.y}}", {"x": 99}, missingkey=mode)
    case("missingkey " + label + " strings", "{{.x}} {{.y}}", {"x": "99"}, data_kind="strings", missingkey=mode)
    case("missingkey " + label + " nested", "{{.a.b}}", {"a": {"c": 1}}, missingkey=mode)
    case("missingkey " + label + " chain past missing", "{{.a.b.c}}", {"a": {}}, missingkey=mode)
    case("missingkey " + label + " index unaffected", "{{index . \"y\"}}", {"x": "1"}, data_kind="strings", missingkey=mode)
    case("missingkey " + label + " nil data", "{{.x}}", None, missingkey=mode)
    case("missingkey " + label + " in if", "{{if .y}}yes{{else}}no{{end}}", {"x": "1"}, data_kind="strings", missingkey=mode)
case("missingkey error with default func", '{{ .nope | printf "%v" }}', {"a": "1"}, data_kind="strings", missingkey="error")
case("json null through field", "{{.a}}|{{.a.b}}", {"a": None}, data_kind="json")
case("json number prints as float", "{{.n}} {{.f}} {{.big}} {{.small}}", {"n": 1234567, "f": 1.5, "big": 1e21, "small": 0.00001}, data_kind="json")
case("json numbers typed", "{{.n}} {{.f}}", {"n": 1234567, "f": 1.5})

# --- floats print like Go ------------------------------------------------------------------------
for f in ["1000000.0", "999999.9", "12345678.0", "100000.0", "0.0001", "1e-5", "3.0", "1e21", "1e20",
          "123456789.0", "0.1", "0.000012345", "1.7976931348623157e308", "5e-324", "-0.0", "-2.5", "2.5e-10",
          "0x1p-2", "1_000.5", "6.02214076e23"]:
    case("float print " + f, "{{" + f + "}}|{{print " + f + "}}|{{printf \"%v %g %e %.3f\" " + f + " " + f + " " + f + " " + f + "}}")

# --- numbers (numberTests, lexer number forms) ---------------------------------------------------
NUMBERS = ["0", "-0", "73", "7_3", "0b10_010_01", "0B1001001", "-73", "+73", "100", "1e9", "-1e9", "-1.2",
           "1e19", "1e1_9", "1E19", "-1e19", "0x_1p4", "0X_1P4", "0x_1p-4", "4i", "-1.2+4.2i", "073",
           "0o73", "0O73", "0x73", "-0x73", "0xEE", "0x_ee", "0xe_e", "0x_e_e", "0xa_b_c", "0.1",
           "1_0.1", "1__0", "0x_", "0x1_", "1_", "1e_1", "9223372036854775807", "9223372036854775808",
           "-9223372036854775808", "-9223372036854775809", "18446744073709551615", "18446744073709551616",
           "1e100", "0377", "089", "0x", "0b", "1.e1", ".5", "+.5", "1e+2", "0x1.8p1", "'a'", "'\\377'",
           "'\\x41'", "'\\u263a'", "'\\U0001F600'", "'\\n'", "'ab'", "''", "'\\z'", "1.2.3", "+-1", "1e", "0o8"]
for n in NUMBERS:
    case("number " + n, "{{print " + n + "}}")

# --- strings and escapes ---------------------------------------------------------------------
case("string escapes", '{{"a\\tb\\nc\\\\d\\"e\\x41\\101\\u00e9\\U0001F600"}}')
case("string bad escape", '{{"a\\qb"}}')
case("string bad octal", '{{"\\400"}}')
case("string surrogate escape", '{{"\\ud800"}}')
case("string single quote escape", "{{\"\\'\"}}")
case("raw string", "{{`a\\n\"b`}}")
case("raw string multiline", "{{`line1\nline2`}}")
case("raw string with cr", "{{`a\r\nb`}}")
case("string newline", '{{"a\nb"}}')
case("string with delimiters inside", '{{"}}{{"}}')
case("utf8 text", "héllo 日本 {{`ok`}}")

# --- trim markers and comments ----------------------------------------------------------------
case("trim left", "x \r\n\t{{- 3}}")
case("trim right", "{{3 -}}\n\n\ty")
case("trim both", "x \r\n\t{{- 3 -}}\n\n\ty")
case("trim with extra spaces", "x\n{{-  3   -}}\ny")
case("negative number not trim", "a  {{- 3 -}}  b {{-3}}")
case("trim marker without space", "a {{-3 }} b")
case("right trim without space", "a {{ 3-}} b")
case("comment", "a{{/* comment */}}b")
case("comment multiline", "a{{/*\n\n\n*/}}b")
case("comment trim left", "x \r\n\t{{- /* hi */}}")
case("comment trim right", "{{/* hi */ -}}\n\n\ty")
case("comment trim both", "x \r\n\t{{- /* */ -}}\n\n\ty")
case("comment with space before", "a{{ /* c */ }}b")
case("comment not closed", "{{/* c }}")
case("comment ends before delim", "{{/* c */ x}}")
case("comment newline trim", "{{-\n/*\nhello\n*/\n-}}")
case("newline in assignment", "{{ $x \n := \n 1 \n }}{{$x}}")
case("newline in pipeline", "{{\n\"x\"\n|\nprintf\n}}")
case("newline in empty action", "{{\n}}")
case("trim spaces before text action", "a\n  {{- if true }}\n  b\n  {{- end }}\nc")

# --- delimiters ----------------------------------------------------------------------------------
for (l, r) in [("[[", "]]"), ("<<", ">>"), ("(", ")"), ("**", "**"), ("\u2329", "\u232a"), ("{{", "]]"), ("<%", "%>")]:
    case("delims " + l + r, "hello " + l + ".a" + r + " {{.a}} " + l + "- .a -" + r + " x", {"a": "v"}, data_kind="strings", left=l, right=r)
case("delims comment", "a[[/* c */]]b[[- /* c */ -]] c", {}, left="[[", right="]]")
case("delims right paren terminator", "(( .a ))", {"a": "v"}, data_kind="strings", left="((", right="))")

# --- lexer / parser errors (errorTests, parseTests) ---------------------------------------------
PARSE_ERRORS = [
    ("unclosed1", "line1\n{{"),
    ("unclosed2", "line1\n{{define `x`}}line2\n{{"),
    ("unclosed3", "line1\n{{\"x\"\n\"y\"\n"),
    ("unclosed4", "{{\n\n\n\n\n"),
    ("var1", "line1\n{{\nx\n}}"),
    ("function", "{{foo}}"),
    ("comment1", "{{/*}}"),
    ("comment2", "{{/*\nhello\n}}"),
    ("lparen", "{{.X (1 2 3}}"),
    ("rparen", "{{.X 1 2 3 ) }}"),
    ("rparen2", "{{(.X 1 2 3"),
    ("space", "{{`x`3}}"),
    ("idchar", "{{a#}}"),
    ("charconst", "{{'a}}"),
    ("stringconst", "{{\"a}}"),
    ("rawstringconst", "{{`a}}"),
    ("number", "{{0xi}}"),
    ("multidefine", "{{define `a`}}a{{end}}{{define `a`}}b{{end}}"),
    ("eof", "{{range .X}}"),
    ("variable", "{{$x := 23}}{{with $x.y := 3}}{{$x 23}}{{end}}"),
    ("multidecl", "{{$a,$b,$c := 23}}"),
    ("undefvar", "{{$a}}"),
    ("wrongdot", "{{true.any}}"),
    ("wrongpipeline", "{{12|false}}"),
    ("emptypipeline", "{{ ( ) }}"),
    ("multilinerawstring", "{{ $v := `\n` }} {{"),
    ("rangeundefvar", "{{range $k}}{{end}}"),
    ("rangeundefvars", "{{range $k, $v}}{{end}}"),
    ("rangemissingvalue1", "{{range $k,}}{{end}}"),
    ("rangemissingvalue2", "{{range $k, $v := }}{{end}}"),
    ("rangenotvariable1", "{{range $k, .}}{{end}}"),
    ("rangenotvariable2", "{{range $k, 123 := .}}{{end}}"),
    ("emptyAction", "{{}}"),
    ("unclosed action", "hello{{range"),
    ("unmatched end", "{{end}}"),
    ("unmatched else", "{{else}}"),
    ("unmatched else after if", "{{if .X}}hello{{end}}{{else}}"),
    ("multiple else", "{{if .X}}1{{else}}2{{else}}3{{end}}"),
    ("missing end", "hello{{range .x}}"),
    ("missing end after else", "hello{{range .x}}{{else}}"),
    ("undefined function", "hello{{undefined}}"),
    ("variable undefined after end", "{{with $x := 4}}{{end}}{{$x}}"),
    ("variable undefined in template", "{{template $v}}"),
    ("declare with field", "{{with $x.Y := 4}}{{end}}"),
    ("invalid punctuation", "{{printf 3, 4}}"),
    ("multidecl outside range", "{{with $v, $u := 3}}{{end}}"),
    ("too many decls in range", "{{range $u, $v, $w := 3}}{{end}}"),
    ("dot applied to parentheses", "{{printf (printf .).}}"),
    ("adjacent args", "{{printf 3`x`}}"),
    ("adjacent args with .", "{{printf `x`.}}"),
    ("extra end after if", "{{if .X}}a{{else if .Y}}b{{end}}{{end}}"),
    ("break outside range", "{{range .}}{{end}} {{break}}"),
    ("continue outside range", "{{range .}}{{end}} {{continue}}"),
    ("break in range else", "{{range .}}{{else}}{{break}}{{end}}"),
    ("continue in range else", "{{range .}}{{else}}{{continue}}{{end}}"),
    ("break with args", "{{range .}}{{break 1}}{{end}}"),
    ("bug0b", "{{$x += 1}}{{$x}}"),
    ("bug0c", "{{$x ! 2}}{{$x}}"),
    ("bug0d", "{{$x % 3}}{{$x}}"),
    ("bug0e", "{{range $x := $y := 3}}{{end}}"),
    ("bug1a", "{{$x:=.}}{{$x!2}}"),
    ("bug1b", "{{$x:=.}}{{$x+2}}"),
    ("dot after integer", "{{1.E}}"),
    ("dot after float", "{{0.1.E}}"),
    ("dot after boolean", "{{true.E}}"),
    ("dot after char", "{{'a'.any}}"),
    ("dot after string", "{{\"hello\".guys}}"),
    ("dot after dot", "{{..E}}"),
    ("dot after nil", "{{nil.E}}"),
    ("wrong pipeline dot", "{{12|.}}"),
    ("wrong pipeline number", "{{.|12|printf}}"),
    ("wrong pipeline string", "{{.|printf|\"error\"}}"),
    ("wrong pipeline char", "{{12|printf|'e'}}"),
    ("wrong pipeline boolean", "{{.|true}}"),
    ("wrong pipeline nil", "{{'c'|nil}}"),
    ("empty pipeline", "{{printf \"%d\" ( ) }}"),
    ("unexpected right paren", "{{ ) }}"),
    ("expected colon equals", "{{$x : 1}}"),
    ("unrecognized character", "{{ \u00e9 }}"),
    ("unrecognized control character", "{{ \x01 }}"),
    ("bad character in field", "{{.a#b}}"),
    ("else with in if", "{{if .X}}a{{else with .Y}}b{{end}}"),
    ("long unexpected token", "{{if}}"),
    ("unexpected long string", "{{.X \"a very long string literal\" | 3}}"),
    ("paren depth unclosed", "{{(((1))}}"),
    ("newline in string", "{{\"a\nb\"}}"),
]
for (name, text) in PARSE_ERRORS:
    t("parse " + name, text)

PARSE_OK = [
    ("variable invocation", "{{with $x := 3}}{{$x}}{{end}}"),
    ("nested pipeline", "{{printf `%v %v` (len .SI) (.MSI.one | print)}}"),
    ("field applied to parentheses", "{{(.U).V}}"),
    ("if else chain", "+{{if .X}}X{{else if .Y}}Y{{else if .Z}}Z{{end}}+"),
    ("chained field range", "{{range .U.V}}hello{{end}}"),
    ("nested range", "{{range .SI}}hello{{range $.SB}}goodbye{{end}}{{end}}"),
    ("range 2 vars", "{{range $x, $y := .SI}}{{.}}{{end}}"),
    ("spaces around continue", "{{range .SI}}{{.}}{{ continue }}{{end}}"),
    ("spaces around break", "{{range .SI}}{{.}}{{ break }}{{end}}"),
    ("bug0a", "{{$x := 0}}{{$x}}"),
    ("bug1c", "{{$x:=.I}}{{$x +2}}"),
    ("keywords as map keys", "{{.MSI.if}}{{.U.range}}"),
]
for (name, text) in PARSE_OK:
    t("parse ok " + name, text)

# --- ESO-style templates (map[string]string data, missingkey=error) --------------------------------
ESO = {"username": "app", "password": "s3cr3t:p@ss/wörd", "host": "db.example.com", "port": "5432",
       "my-key": "dashed", "empty": "", "json": "{\"a\":1}"}
case("eso database url", "postgresql://{{ .username }}:{{ .password }}@db.production.acme.com:5432/checkout", ESO, data_kind="strings", missingkey="error")
case("eso missing key", "{{ .nope }}", ESO, data_kind="strings", missingkey="error")
case("eso dashed key via index", '{{ index . "my-key" }}', ESO, data_kind="strings", missingkey="error")
case("eso dashed key via field", "{{ .my-key }}", ESO, data_kind="strings", missingkey="error")
case("eso range over data", "{{ range $k, $v := . }}{{ $k }}={{ $v }}\n{{ end }}", ESO, data_kind="strings", missingkey="error")
case("eso if empty", "{{ if .empty }}set{{ else }}unset{{ end }}", ESO, data_kind="strings", missingkey="error")
case("eso yaml block", "config.yaml: |\n  user: {{ .username }}\n  {{- if .host }}\n  host: {{ .host }}\n  {{- end }}\n", ESO, data_kind="strings", missingkey="error")
case("eso binary value passes through", "[{{ .bin }}] {{ len .bin }}", {"bin": "b64:AP/+gAEC"}, data_kind="strings", missingkey="error")
case("eso binary printf q", "{{ printf \"%q\" .bin }} {{ printf \"%x\" .bin }}", {"bin": "b64:AP/+gAEC"}, data_kind="strings")
case("eso html js of binary", "{{ html .bin }}|{{ js .bin }}|{{ urlquery .bin }}", {"bin": "b64:PP/+Jw=="}, data_kind="strings")
case("eso slice of binary", "{{ slice .bin 1 3 | printf \"%x\" }} {{ index .bin 1 }}", {"bin": "b64:AP/+gAEC"}, data_kind="strings")


# --- fmt verbs (portable rows in the spirit of Go's fmt tests) ----------------------------------
FMT = [
    ("%d", "12345"), ("%v", "12345"), ("%+d", "12345"), ("%+d", "-12345"), ("% d", "12345"), ("% d", "-12345"),
    ("%x", "-255"), ("%X", "255"), ("%#x", "-255"), ("%o", "-8"), ("%#o", "0"), ("%b", "-5"), ("%08d", "-42"),
    ("%-8d|", "-42"), ("%+08d", "42"), ("% 08d", "42"), ("%.5d", "42"), ("%8.5d", "-42"), ("%-8.5d|", "42"),
    ("%.0d", "0"), ("%5.0d|", "0"), ("%c", "9731"), ("%q", "9731"), ("%+q", "9731"), ("%q", "0x110000"),
    ("%U", "0x263a"), ("%#U", "0x263a"), ("%#-14.6U|", "0x263a"), ("%x", "0"), ("%#X", "0"),
    ("%e", "1.0"), ("%e", "1234.5678e3"), ("%e", "1e-300"), ("%E", "1234.5678e-8"), ("%f", "1234.5678e3"),
    ("%f", "-1e-7"), ("%g", "1234.5678e3"), ("%g", "1e-7"), ("%G", "1e21"), ("%.4g", "123456.0"),
    ("%.3e", "0.0"), ("%.3f", "2.0005"), ("%.2f", "2.675"), ("%.1f", "0.05"), ("%.0f", "0.5"), ("%.0f", "1.5"),
    ("%10.3f|", "-3.14159"), ("%-10.3f|", "3.14159"), ("%+.3f", "3.14159"), ("% .3f", "3.14159"),
    ("%010.3f", "-3.14159"), ("%+010.3f", "3.14159"), ("%#.0f", "3.0"), ("%#g", "100000.0"), ("%#.4e", "1.0"),
    ("%v", "1e100"), ("%v", "123456789.125"), ("%v", "0.000001"), ("%v", "1e-7"), ("%.3v", "3.14159"),
    ("%s", "`abc`"), ("%5s|", "`abc`"), ("%-5s|", "`abc`"), ("%.2s", "`日本語`"), ("%05s", "`abc`"),
    ("%x", "`xyz`"), ("%X", "`xyz`"), ("% x", "`xyz`"), ("%#x", "`xyz`"), ("%# x", "`xyz`"), ("%.2x", "`xyz`"),
    ("%q", "`abc`"), ("%q", "`\"`"), ("%q", "`\\`"), ("%q", "\"\\a\\b\\f\\v\\x7f\""), ("%#q", "`abc`"),
    ("%+q", "`日本語`"), ("%q", "`日本語`"), ("%10q|", "`x`"), ("%-10q|", "`x`"), ("%t", "true"), ("%5t|", "false"),
    ("%v", "true"), ("%d", "true"), ("%s", "1"), ("%s", "1.5"), ("%s", "nil"), ("%d", "`x`"), ("%z", "1"),
    ("%!", "1"), ("%-", "1"), ("%5", "1"), ("%.", "1"), ("%[1]d", "1"), ("%v %v", "1"), ("%%%d", "1"),
    ("%T", "1"), ("%T", "1.0"), ("%T", "`s`"), ("%T", "true"), ("%T", "nil"), ("%10T|", "1"), ("%p", "1"),
    ("%v", "'x'"), ("%c", "'x'"), ("%q", "'x'"), ("%x", "1.5"), ("%b", "1.0"),
]
for i, (f, arg) in enumerate(FMT):
    case("fmt %03d %s %s" % (i, f, arg), "{{printf " + json.dumps(f) + " " + arg + "}}")
for i, (f, field) in enumerate([("%v", ".SI"), ("%d", ".SI"), ("%x", ".SI"), ("%s", ".SI"), ("%q", ".SB"),
                                 ("%v", ".MSI"), ("%d", ".MSI"), ("%+v", ".MSI"), ("%#v", ".MSI"), ("%#v", ".SMSI"),
                                 ("%v", ".Empty4"), ("%5v", ".SI"), ("%-4d|", ".SI"), ("%T", ".SMSI"), ("%#v", ".Empty0"),
                                 ("%v", ".Empty0"), ("%s", ".Empty0"), ("%#v", ".SIEmpty"), ("%#v", ".MSIEmpty"),
                                 ("%#v", ".X"), ("%#v", ".FloatZero"), ("%#v", "1e6"), ("%#v", "true")]):
    t("fmt field %02d %s %s" % (i, f, field), "{{printf " + json.dumps(f) + " " + field + "}}")

# --- Go's print spacing and values through interfaces ----------------------------------------------
t("print spacing", '{{print 1 "a" 2 .SI "b" .MSI nil 3.5 true}}')
t("println values", '{{println .SI .MSI "s" nil}}')
t("print list of maps", "{{.SMSI}}")
case("print json nested", "{{.}}", {"a": {"b": [1, 2.5, "c", None, True, {"d": []}]}, "e": {}}, data_kind="json")
case("print binary key order", "{{.}}", {"b": "1", "a": "2", "B": "3", "_": "4", "aa": "5", "é": "6"}, data_kind="strings")

# --- multiple templates (multi_test) ---------------------------------------------------------------
t("multi define then call twice", '{{define "x"}}X{{.}}{{end}}{{template "x" 1}}{{template "x" 2}}')
t("multi call before define", '{{template "y" .X}}{{define "y"}}Y{{.}}{{end}}')
t("multi nested templates", '{{define "a"}}A{{template "b" .}}{{end}}{{define "b"}}B{{.}}{{end}}{{template "a" .I}}')
t("multi block in define", '{{define "a"}}{{block "inner" .}}I{{.}}{{end}}{{end}}{{template "a" 5}}{{template "inner" 6}}')
t("multi template with pipeline", '{{define "a"}}<{{.}}>{{end}}{{template "a" .SI | len}}')
t("multi template with variable", '{{define "a"}}<{{.}}>{{end}}{{$x := "v"}}{{template "a" $x}}')
t("multi template dollar", '{{define "a"}}{{$}}{{end}}{{template "a" .X}}')
t("multi template error inside", '{{define "a"}}{{.nope.x}}{{end}}{{template "a" .}}', missingkey="error")
t("multi define with trim", '{{- define "a" -}}\n  A\n{{- end -}}\n{{template "a"}}')


# --- interface values (TestInterfaceValues, with map data) ------------------------------------------
IV = {"Nil": None, "Slice": [0, 1, 2, 3], "One": 1, "Two": 2, "Zero": 0}
for i, text in enumerate([
    "{{index .Nil 1}}", "{{index .Slice 2}}", "{{index .Slice .Two}}", "{{call .Nil 1}}",
    "{{and (index .Slice 0) true}}", "{{and .Zero true}}", "{{and (index .Slice 1) false}}", "{{and .One false}}",
    "{{or (index .Slice 0) false}}", "{{or .Zero false}}", "{{or (index .Slice 1) true}}", "{{or .One true}}",
    "{{not (index .Slice 0)}}", "{{not .Zero}}", "{{not (index .Slice 1)}}", "{{not .One}}",
    "{{eq (index .Slice 0) .Zero}}", "{{eq (index .Slice 1) .One}}", "{{ne (index .Slice 0) .Zero}}",
    "{{ne (index .Slice 1) .One}}", "{{ge (index .Slice 0) .One}}", "{{ge (index .Slice 1) .Zero}}",
    "{{gt (index .Slice 0) .One}}", "{{gt (index .Slice 1) .Zero}}", "{{le (index .Slice 0) .One}}",
    "{{le (index .Slice 1) .Zero}}", "{{lt (index .Slice 0) .One}}", "{{lt (index .Slice 1) .Zero}}",
    "{{call .One}}", "{{index .Slice 1 2}}", "{{slice .Nil}}", "{{len .Nil}}", "{{range .Nil}}x{{else}}e{{end}}",
    "{{with .Nil}}x{{else}}e{{end}}", "{{.Nil}}", "{{print .Nil}}", "{{printf \"%v|%T\" .Nil .Nil}}",
    "{{$x := .Nil}}{{$x}}|{{printf \"%v\" $x}}", "{{if eq .Nil nil}}nil{{end}}",
]):
    case("interface values %02d" % i, text, IV)

# --- delimiter pairs (TestDelims) -----------------------------------------------------------------------
for i, (l, r) in enumerate([("", ""), ("{{", "}}"), ("<<", ">>"), ("|", "|"), ("(日)", "(本)"), ("{", "}"), ("$", "$")]):
    tl, tr = (l or "{{"), (r or "}}")
    case("delims go pair %d" % i, tl + ".Str" + tr + tl + "/*comment*/" + tr + tl + '"' + tl + '"' + tr,
         {"Str": "Hello, world"}, data_kind="strings", left=l, right=r)

# --- whitespace, lines and columns in error locations ---------------------------------------------------------
t("error column after multibyte text", "日本語 {{ .X.nope.deeper }}")
t("error line after trimmed newlines", "a\n\n{{- \n .X.nope.deeper -}}\n\nb")
t("error inside raw string line count", "{{`a\nb`}}\n{{ index 1 1 }}")
t("error in else branch", "{{if false}}{{else}}\n  {{ len 3 }}{{end}}")
t("error in range body second iteration", "{{range .SI}}{{if eq . 4}}{{index $.SI 9}}{{end}}{{.}}{{end}}")
t("error in nested pipeline", "{{ printf \"%s\" (index .MSI (index .SI 7)) }}")
t("error in chain", "{{ (index .SMSI 0).one.two }}")
t("error in variable chain", "{{ $m := .SMSI }}{{ $m.x }}")
t("error on dollar of missing", "{{ $.Missing.x }}")
t("error print func value", "{{ zeroArgs | printf \"%s\" | len | oneArg }}", funcs="test")


# --- more parser edges -----------------------------------------------------------------------------
for i, text in enumerate([
    "{{range .SI}}{{else if .X}}y{{end}}", "{{with .X}}{{else if .X}}y{{end}}", "{{if .X}}{{else}}{{else}}{{end}}",
    "{{- -}}", "{{-}}", "{{ - }}", "a {{- 3}}{{- 4 -}} b", "{{3 -}}x{{- 4}}", "{{/**/}}", "{{- /**/ -}}",
    "{{/* a */}}{{/* b */ }}", "{{ /* a */}}", "{{$}}", "{{$ := 1}}", "{{$x := 1}}{{$x := 2}}{{$x}}",
    "{{$x = 1}}", "{{range $x := .SI}}{{end}}{{$x}}", "{{if $x := .X}}{{$x}}{{else}}{{$x}}{{end}}",
    "{{with $x := .Missing}}{{else}}[{{$x}}]{{end}}", "{{range $i, $e := .SI}}{{else}}{{$i}}{{end}}",
    "{{ .X | printf \"%s-%s\" .S }}", "{{ .X | printf \"%s\" | printf \"[%s]\" }}", "{{ (.X) }}", "{{ ( .X ) }}",
    "{{ (printf \"%d\" 1 | len) }}", "{{ .MSI.one | printf \"%v\" }}", "{{ 'a' | printf \"%c\" }}",
    "{{ \"a\" \"b\" }}", "{{ .X .S }}", "{{ $.X \"a\" }}", "{{ (index .SI 0) 1 }}", "{{ print (1) (2) }}",
    "{{template \"a\" 1 2}}", "{{define \"a\"}}{{end}}{{define \"a\"}}x{{end}}{{template \"a\"}}",
    "{{block \"a\" 1}}{{.}}{{end}}{{block \"a\" 2}}{{.}}{{end}}", "{{end}}{{if}}", "text{{if true}}",
    "{{if true}}{{end}}}}", "{{{{.X}}}}", "}}{{.X}}{{", "{{\"{{\"}}", "{{`}}`}}", "{{ .X }}{{ break }}",
]):
    t("parse edge %02d" % i, text)


# --- bytes of strings are uint8 ------------------------------------------------------------------------
t("index string is uint8", '{{printf "%T %v %c %q" (index "ab" 0) (index "ab" 1) (index "ab" 0) (index "ab" 0)}}')
t("index string compare", '{{eq (index "ab" 0) 97}} {{lt (index "ab" 0) (index "ab" 1)}} {{eq (index "ab" 0) .I}}')
t("index string then index", '{{index (index "ab" 0) 0}}')
t("index string as slice index", '{{slice .SI (index "\x01" 0)}}')

for c in cases:
    print(json.dumps(c, ensure_ascii=False))
