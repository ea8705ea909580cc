#!/usr/bin/env python3
"""Writes the sprig function case files (sprig-*.jsonl) rendered by ../generate.sh with Go 1.19 + sprig 3.2.3.

Each case: (name, template[, data]). Names are prefixed with "sprig/<file>/". Cases avoid
non-deterministic functions (rand*, uuidv4, now's value, shuffle, bcrypt, gen*) and Go's random
map order (keys/values are sorted first). Run: python3 make_sprig_cases.py && ../generate.sh
"""
import json, os

FILES = {}

def case(file, name, tpl, data=None, **extra):
    c = {"name": f"sprig/{file}/{name}", "template": tpl, "funcs": "sprig"}
    if data is not None:
        c["data"] = data
    c.update(extra)
    FILES.setdefault(file, []).append(c)

S = "strings"
for n, t in [
    ("hello", '{{ hello }}'),
    ("abbrev", '{{ abbrev 5 "hello world" }}|{{ abbrev 3 "hello" }}|{{ abbrev 20 "short" }}|{{ abbrev 4 "" }}'),
    ("abbrevboth", '{{ abbrevboth 5 10 "1234 5678 9123" }}|{{ abbrevboth 0 6 "abcdefghij" }}|{{ abbrevboth 3 6 "abcdefghijk" }}|{{ abbrevboth 10 8 "abcdefghijklmnopqrstuvwxyz" }}'),
    ("trunc", '{{ trunc 5 "hello world" }}|{{ trunc -5 "hello world" }}|{{ trunc 50 "abc" }}|{{ trunc -50 "abc" }}|{{ trunc 0 "abc" }}'),
    ("trim", '[{{ trim "  \\t hi there \\n " }}]|[{{ trim "" }}]'),
    ("upper lower", '{{ upper "héllo wörld" }}|{{ lower "HÉLLO WÖRLD" }}|{{ "MiXeD" | lower }}'),
    ("title", '{{ title "hello world-foo_bar 9lives o\'neil" }}|{{ title "ǆemal" }}'),
    ("untitle", '{{ untitle "Hello World  Foo" }}|{{ untitle "ABC" }}'),
    ("substr", '{{ substr 0 5 "hello world" }}|{{ substr 6 -1 "hello world" }}|{{ substr -1 3 "hello" }}|{{ substr 2 99 "hello" }}'),
    ("substr start past end", '{{ substr 4 2 "hello" }}'),
    ("substr end past length", '{{ substr -1 9 "hello" }}'),
    ("repeat", '{{ repeat 3 "ab" }}|{{ "x" | repeat 0 }}|{{ repeat 2 "" }}'),
    ("repeat negative", '{{ repeat -1 "ab" }}'),
    ("trimAll", '{{ trimAll "$" "$$5.00$" }}|{{ trimall "ab" "abcba" }}|{{ trimAll "" "xx" }}'),
    ("trimSuffix trimPrefix", '{{ trimSuffix "-" "hello-" }}|{{ trimPrefix "-" "-hello" }}|{{ trimPrefix "x" "hello" }}'),
    ("nospace", '{{ nospace "h e l l o \\t w" }}|{{ nospace "nospace" }}'),
    ("initials", '{{ initials "first try here" }}|{{ initials "  leading  space" }}'),
    ("swapcase", '{{ swapcase "Hello World aBC" }}|{{ swapcase "  lower start" }}'),
    ("snakecase", '{{ snakecase "FirstName" }}|{{ snakecase "HTTPServer" }}|{{ snakecase "http2xx" }}|{{ snakecase "Name2Go" }}|{{ snakecase "already_snake" }}|{{ snakecase "with space-and-dash" }}|{{ snakecase "ID" }}|{{ snakecase "a1b2" }}|{{ snakecase "V1Beta2Thing" }}'),
    ("camelcase", '{{ camelcase "http_server" }}|{{ camelcase "_leading" }}|{{ camelcase "a__b" }}|{{ camelcase "no-dash here" }}|{{ camelcase "ALLCAPS_X" }}|{{ camelcase "x" }}|{{ camelcase "__" }}'),
    ("kebabcase", '{{ kebabcase "FirstName" }}|{{ kebabcase "HTTPServer" }}|{{ kebabcase "some_thing Else" }}|{{ kebabcase "x.y.Z" }}'),
    ("wrap", '{{ wrap 5 "Hello World, this is a test" }}|{{ wrap 3 "abcdefgh ij" }}|{{ wrap 0 "a b" }}'),
    ("wrapWith", '{{ wrapWith 5 "\\t" "Hello World" }}|{{ wrapWith 3 "<br>" "abcdefgh ij" }}'),
    ("contains hasPrefix hasSuffix", '{{ contains "cat" "catch" }} {{ contains "dog" "catch" }} {{ hasPrefix "ca" "catch" }} {{ hasSuffix "ch" "catch" }} {{ hasSuffix "x" "catch" }} {{ "foobar" | contains "foo" }}'),
    ("quote squote", '{{ quote "a\\"b" 1 nil 2.5 true }}|{{ squote "a" 1 nil (list 1 2) }}|{{ quote }}|{{ quote "tab\\there" "é" }}'),
    ("cat", '{{ cat "a" 1 nil "b" 2.5 (list 1 2) }}|{{ cat }}'),
    ("indent nindent", '[{{ indent 2 "a\\nb\\n" }}]|[{{ nindent 3 "x\\ny" }}]'),
    ("replace", '{{ replace " " "-" "a b c" }}|{{ "aaa" | replace "a" "bb" }}|{{ replace "" "-" "héy" }}'),
    ("plural", '{{ plural "one" "many" 1 }}|{{ plural "one" "many" 0 }}|{{ plural "one" "many" 2 }}'),
    ("toString", '{{ toString 1 }}|{{ toString 2.5 }}|{{ toString "s" }}|{{ toString nil }}|{{ toString (list 1 "a") }}|{{ toString true }}|{{ toString (dict "a" 1) }}'),
    ("split", '{{ $p := split "$" "a$b$c" }}{{ $p._0 }} {{ $p._1 }} {{ $p._2 }} {{ len $p }}|{{ $q := split "" "ab" }}{{ $q._1 }}'),
    ("splitList", '{{ splitList "," "a,b,,c" }}|{{ splitList "," "" | len }}|{{ splitList "" "héy" }}'),
    ("splitn", '{{ $p := splitn "$" 2 "a$b$c" }}{{ $p._0 }} {{ $p._1 }} {{ len $p }}|{{ len (splitn "$" 0 "a$b") }}|{{ len (splitn "$" -1 "a$b$c") }}'),
    ("toStrings", '{{ toStrings (list 1 "a" nil 2.5) }}|{{ toStrings "x" }}|{{ toStrings nil | len }}|{{ typeOf (toStrings (list 1)) }}'),
    ("join", '{{ join "-" (list "a" 1 nil true) }}|{{ join "," "single" }}|{{ list 1 2 3 | join "+" }}|{{ join "," (splitList "/" "x/y") }}'),
    ("sortAlpha", '{{ sortAlpha (list "b" "a" "C" 10 2) }}|{{ sortAlpha "x" }}'),
    ("toString of int64", '{{ toString (add 1 2) }}|{{ typeOf (toString 1) }}'),
    ("typed args", '{{ repeat "3" "a" }}'),
    ("contains wrong type", '{{ contains 1 "a" }}'),
]:
    case(S, n, t)

L = "lists"
for n, t in [
    ("list tuple", '{{ list 1 "a" 2.5 nil true }}|{{ tuple 1 2 }}|{{ list }}|{{ typeOf (list) }}'),
    ("append push", '{{ append (list 1 2) 3 }}|{{ push (list) "x" }}|{{ mustAppend (list "a") "b" }}|{{ mustPush (splitList "," "a,b") "c" }}'),
    ("append not a list", '{{ append "abc" 1 }}'),
    ("mustAppend not a list", '{{ mustAppend 1 1 }}'),
    ("append nil", '{{ append nil 1 }}'),
    ("prepend", '{{ prepend (list 2 3) 1 }}|{{ mustPrepend (list) 0 }}'),
    ("prepend map", '{{ prepend (dict) 1 }}'),
    ("first last", '{{ first (list 1 2 3) }}|{{ last (list 1 2 3) }}|{{ first (list) }}|{{ last (list) }}|{{ mustFirst (list "x") }}|{{ mustLast (splitList "," "a,b") }}'),
    ("first string", '{{ first "abc" }}'),
    ("mustFirst string", '{{ mustFirst "abc" }}'),
    ("rest initial", '{{ rest (list 1 2 3) }}|{{ initial (list 1 2 3) }}|{{ rest (list) }}|{{ initial (list) }}|{{ mustRest (list 1) }}|{{ mustInitial (list 1 2) }}'),
    ("reverse", '{{ reverse (list 1 2 3) }}|{{ reverse (list) }}|{{ mustReverse (splitList "" "abc") }}'),
    ("reverse string", '{{ reverse "abc" }}'),
    ("uniq", '{{ uniq (list 1 2 1 "1" 2 3 nil nil) }}|{{ mustUniq (list "a" "a") }}|{{ uniq (list (list 1) (list 1) (list 2)) }}'),
    ("without", '{{ without (list 1 2 3 2) 2 }}|{{ without (list 1 2 3) 1 3 }}|{{ without (list "a") }}|{{ mustWithout (list 1 "1") "1" }}'),
    ("has", '{{ has 2 (list 1 2 3) }}|{{ has "2" (list 1 2 3) }}|{{ has 1 nil }}|{{ mustHas nil (list nil) }}|{{ list 1 2 | has 1 }}'),
    ("has string haystack", '{{ has "a" "abc" }}'),
    ("mustHas string haystack", '{{ mustHas "a" "abc" }}'),
    ("compact", '{{ compact (list 1 0 "" nil "a" false (list) (dict) 2.5) }}|{{ mustCompact (list) }}'),
    ("slice", '{{ slice (list 1 2 3 4) 1 3 }}|{{ slice (list 1 2 3 4) 2 }}|{{ slice (list 1 2 3) }}|{{ slice (list) 0 1 }}|{{ mustSlice (list 1 2 3) "1" }}|{{ typeOf (slice (splitList "," "a,b") 1) }}'),
    ("slice string", '{{ slice "abc" 1 }}'),
    ("mustSlice string", '{{ mustSlice "abc" 1 }}'),
    ("concat", '{{ concat (list 1 2) (list 3) (splitList "," "a,b") }}|{{ concat }}|{{ typeOf (concat (list 1)) }}'),
    ("concat not list", '{{ concat (list 1) "x" }}'),
    ("chunk", '{{ chunk 2 (list 1 2 3 4 5) }}|{{ chunk 3 (list 1 2 3) }}|{{ chunk 5 (list 1) }}|{{ mustChunk 2 (list 1 2) }}|{{ typeOf (chunk 1 (list 1)) }}'),
    ("chunk string", '{{ chunk 2 "abc" }}'),
    ("until untilStep", '{{ until 5 }}|{{ until -3 }}|{{ until 0 }}|{{ untilStep 0 10 3 }}|{{ untilStep 10 0 -3 }}|{{ untilStep 0 10 -1 }}|{{ untilStep 3 3 1 }}|{{ typeOf (until 1) }}'),
    ("seq", '{{ seq 5 }}|{{ seq -3 }}|{{ seq 0 }}|{{ seq 1 3 }}|{{ seq 3 1 }}|{{ seq 0 2 10 }}|{{ seq 10 -2 0 }}|{{ seq 10 2 0 }}|{{ seq }}|{{ seq 1 2 3 4 }}'),
    ("range over until", '{{ range $i, $e := until 3 }}{{ $i }}{{ $e }};{{ end }}'),
]:
    case(L, n, t)

D = "dicts"
for n, t, *d in [
    ("dict", '{{ dict "a" 1 "b" "two" }}|{{ dict }}|{{ dict "odd" }}|{{ dict 1 2 true 3 }}|{{ typeOf (dict) }}'),
    ("get set unset hasKey", '{{ $d := dict "a" 1 }}{{ get $d "a" }}|{{ get $d "missing" }}|{{ $_ := set $d "b" 2 }}{{ $d }}|{{ $_ := unset $d "a" }}{{ $d }}|{{ hasKey $d "b" }} {{ hasKey $d "a" }}'),
    ("get on data map", '{{ get . "a" }}', {"a": "x"}),
    ("get on string map", '{{ get . "a" }}', {"a": "x"}),
    ("pluck", '{{ pluck "a" (dict "a" 1) (dict "b" 2) (dict "a" 3) }}|{{ pluck "x" }}'),
    ("keys sorted", '{{ keys (dict "b" 1 "a" 2) (dict "c" 3) | sortAlpha }}|{{ keys | len }}'),
    ("values sorted", '{{ values (dict "b" "y" "a" "x") | sortAlpha }}'),
    ("pick omit", '{{ pick (dict "a" 1 "b" 2 "c" 3) "a" "c" "z" }}|{{ omit (dict "a" 1 "b" 2 "c" 3) "a" "z" }}|{{ pick (dict "a" 1) }}'),
    ("merge", '{{ $d := dict "a" 1 "n" (dict "x" 1) "e" "" }}{{ merge $d (dict "a" 2 "b" 3 "n" (dict "x" 2 "y" 3) "e" "filled") }}|{{ $d }}'),
    ("merge several", '{{ merge (dict "a" 1) (dict "b" 2) (dict "a" 3 "c" 4) }}|{{ mustMerge (dict) (dict "x" (list 1)) }}'),
    ("mergeOverwrite", '{{ mergeOverwrite (dict "a" 1 "n" (dict "x" 1 "z" 0) "l" (list 1 2)) (dict "a" 2 "n" (dict "x" 2) "l" (list 3)) }}|{{ mustMergeOverwrite (dict "a" "x") (dict "a" "") }}'),
    ("mergeOverwrite map over scalar", '{{ mergeOverwrite (dict "a" "x" "c" (list 1)) (dict "a" (dict "b" 1) "c" (list)) }}'),
    ("merge nil and empty", '{{ merge (dict "a" nil "b" 0 "c" false) (dict "a" 1 "b" 2 "c" true "d" nil) }}|{{ mergeOverwrite (dict "a" 1) (dict "a" nil) }}'),
    ("merge string map arg", '{{ merge (dict) . }}', {"a": "x"}),
    ("dig", '{{ $d := dict "a" (dict "b" (dict "c" 1)) }}{{ dig "a" "b" "c" "def" $d }}|{{ dig "a" "x" "def" $d }}|{{ dig "a" "b" "def" $d }}|{{ $d | dig "z" "none" }}'),
    ("dig too few", '{{ dig "a" (dict) }}'),
    ("dig through scalar", '{{ dig "a" "b" "d" (dict "a" 1) }}'),
    ("deepCopy", '{{ $a := dict "l" (list 1 (dict "x" 1)) }}{{ $b := deepCopy $a }}{{ $_ := set $b "new" 1 }}{{ $a }}|{{ $b }}|{{ deepCopy 5 }}|{{ mustDeepCopy (list 1) }}'),
    ("dict values mutate", '{{ $d := dict }}{{ range $i := until 3 }}{{ $_ := set $d (toString $i) $i }}{{ end }}{{ $d }}'),
]:
    case(D, n, t, *d)
# ESO's data is map[string]string: sprig's map functions need map[string]interface {}.
FILES[D][3]["data_kind"] = "strings"
FILES[D][13]["data_kind"] = "strings"

M = "math"
for n, t, *d in [
    ("add sub mul div mod", '{{ add 1 2 3 }}|{{ add }}|{{ add "3" 2.9 true nil }}|{{ sub 10 3 }}|{{ mul 2 3 4 }}|{{ mul 5 }}|{{ div 7 2 }}|{{ div -7 2 }}|{{ mod 7 3 }}|{{ mod -7 3 }}'),
    ("types", '{{ typeOf (add 1 1) }} {{ typeOf (add1 1) }} {{ typeOf (int 1) }} {{ typeOf (int64 1) }} {{ typeOf (float64 1) }} {{ typeOf (atoi "1") }} {{ typeOf (addf 1) }} {{ typeOf (toDecimal "7") }} {{ typeOf (max 1) }} {{ typeOf (round 1 1) }}'),
    ("div by zero", '{{ div 1 0 }}'),
    ("mod by zero", '{{ mod 1 0 }}'),
    ("add1", '{{ add1 1 }}|{{ add1 "41" }}|{{ add1 2.9 }}|{{ add1 nil }}'),
    ("conversions", '{{ int "42" }}|{{ int "0x1F" }}|{{ int "010" }}|{{ int "8.00" }}|{{ int "8.5" }}|{{ int "abc" }}|{{ int 3.99 }}|{{ int -3.99 }}|{{ int true }}|{{ int nil }}|{{ int "1_000" }}'),
    ("int64 float64", '{{ int64 "9223372036854775807" }}|{{ int64 "9223372036854775808" }}|{{ float64 "1.5" }}|{{ float64 "1e3" }}|{{ float64 "abc" }}|{{ float64 3 }}|{{ float64 "inf" }}|{{ float64 true }}'),
    ("atoi", '{{ atoi "12" }}|{{ atoi "-12" }}|{{ atoi " 12" }}|{{ atoi "1.5" }}|{{ atoi "0x10" }}|{{ atoi "+7" }}'),
    ("toDecimal", '{{ toDecimal "0777" }}|{{ toDecimal 777 }}|{{ toDecimal "8" }}|{{ toDecimal "-10" }}'),
    ("max min", '{{ max 1 5 3 }}|{{ min 4 2 8 }}|{{ biggest 1 "10" }}|{{ max "x" -1 }}|{{ min 1 }}'),
    ("maxf minf", '{{ maxf 1 5.5 3 }}|{{ minf 4 2.25 8 }}|{{ maxf "1.5" }}|{{ minf -0.5 0 }}'),
    ("floats", '{{ addf 1.1 2.2 }}|{{ add1f 1.5 }}|{{ subf 10 0.1 0.2 }}|{{ mulf 1.1 3 }}|{{ divf 10 4 }}|{{ divf 1 3 }}|{{ addf }}|{{ addf "1.5" 2 }}|{{ mulf 0.1 0.2 }}'),
    ("divf by zero", '{{ divf 1 0 }}'),
    ("ceil floor round", '{{ ceil 1.1 }}|{{ floor 1.9 }}|{{ ceil "2.0001" }}|{{ round 3.14159 2 }}|{{ round 2.5 0 }}|{{ round 2.4 0 }}|{{ round 1.2345 3 0.3 }}|{{ round -2.5 0 }}|{{ floor -0.5 }}'),
    ("float printing", '{{ divf 2 3 }}|{{ mulf 1e20 10 }}|{{ float64 "1e21" }}|{{ float64 "0.000001" }}|{{ float64 "1e-7" }}'),
    ("randInt bad range", '{{ randInt 5 5 }}'),
    ("arith on data strings", '{{ add .a .b }}|{{ mul .a 2 }}', {"a": "20", "b": "22"}),
]:
    case(M, n, t, *d)
FILES[M][-1]["data_kind"] = "strings"

E = "encoding"
for n, t, *d in [
    ("b64", '{{ b64enc "hello" }}|{{ b64dec "aGVsbG8=" }}|{{ b64enc "" }}|{{ b64dec "" }}|{{ "secret" | b64enc | b64dec }}'),
    ("b64dec errors", '{{ b64dec "!!" }}|{{ b64dec "aGVsbG8" }}|{{ b64dec "aGVsbG8=x" }}|{{ b64dec "a" }}|{{ b64dec "aG=" }}|{{ b64dec "aGVs\\nbG8=" }}|{{ b64dec "=" }}|{{ b64dec "aGVsbA==" }}|{{ b64dec "aGVsbA=" }}|{{ b64dec "aGVsbA=b" }}'),
    ("b32", '{{ b32enc "hello" }}|{{ b32dec "NBSWY3DP" }}|{{ b32enc "a" }}|{{ b32enc "abcdef" }}|{{ b32dec "ME======" }}|{{ b32dec "MFRGGZDFMY======" }}'),
    ("b32dec errors", '{{ b32dec "1" }}|{{ b32dec "ME" }}|{{ b32dec "M=======" }}|{{ b32dec "ME=====" }}|{{ b32dec "MFRGG===" }}|{{ b32dec "me======" }}'),
    ("sums", '{{ sha1sum "abc" }}|{{ sha256sum "abc" }}|{{ adler32sum "abc" }}|{{ adler32sum "" }}|{{ sha256sum "" }}'),
    ("binary round trip", '{{ b64dec .bin | b64enc }}|{{ b64dec .bin | len }}', {"bin": "AP/+gIE="}),
    ("sha of binary data", '{{ .bin | sha256sum }}', {"bin": "b64:AP/+gIE="}),
]:
    case(E, n, t, *d)
FILES[E][-1]["data_kind"] = "strings"

F = "defaults"
for n, t, *d in [
    ("default", '{{ default "foo" "" }}|{{ default "foo" "bar" }}|{{ default "foo" 0 }}|{{ default "foo" (list) }}|{{ default "foo" false }}|{{ default "foo" nil }}|{{ default "foo" }}|{{ "" | default "piped" }}|{{ default 1 2.5 }}'),
    ("default missing key", '{{ .missing | default "d" }}', {"a": 1}),
    ("empty", '{{ empty "" }} {{ empty "x" }} {{ empty 0 }} {{ empty 0.0 }} {{ empty 1 }} {{ empty nil }} {{ empty (list) }} {{ empty (dict) }} {{ empty false }} {{ empty (dict "a" 1) }}'),
    ("coalesce", '{{ coalesce "" 0 nil "x" "y" }}|{{ coalesce }}|{{ coalesce "" nil }}|{{ coalesce (list) (list 1) }}'),
    ("all any", '{{ all 1 "a" true }} {{ all 1 "" }} {{ all }} {{ any 0 "" nil "x" }} {{ any 0 "" }} {{ any }}'),
    ("ternary", '{{ ternary "yes" "no" true }}|{{ ternary "yes" "no" false }}|{{ true | ternary 1 2 }}'),
    ("ternary non-bool", '{{ ternary 1 2 "true" }}'),
    ("fromJson", '{{ $v := fromJson "{\\"a\\":1,\\"b\\":[true,null,\\"x\\"],\\"c\\":{\\"d\\":1.5e2}}" }}{{ $v.a }} {{ typeOf $v.a }} {{ $v.b }} {{ $v.c.d }} {{ typeOf $v }}|{{ fromJson "bad" }}|{{ fromJson "[1,2]" }}|{{ fromJson "\\"s\\"" }}'),
    ("mustFromJson errors", '{{ mustFromJson "{\\"a\\":}" }}'),
    ("mustFromJson eof", '{{ mustFromJson "[1," }}'),
    ("mustFromJson trailing", '{{ mustFromJson "1 2" }}'),
    ("mustFromJson literal", '{{ mustFromJson "tru" }}'),
    ("mustFromJson bad literal", '{{ mustFromJson "trux" }}'),
    ("mustFromJson key", '{{ mustFromJson "{1:2}" }}'),
    ("mustFromJson empty", '{{ mustFromJson "" }}'),
    ("toJson", '{{ toJson (dict "b" 1 "a" (list 1 2.5 "x<>&" nil true) "c" (dict)) }}|{{ toJson "é\\u2028\\t\\u0001" }}|{{ toJson nil }}|{{ toJson 1e21 }}|{{ toJson 0.0000001 }}|{{ toJson 100000 }}'),
    ("toPrettyJson", '{{ toPrettyJson (dict "b" 1 "a" (list 1 (dict "x" (list))) "c" (dict)) }}|{{ toPrettyJson (list) }}'),
    ("toRawJson", '{{ toRawJson (dict "h" "<b>&amp;</b>") }}|{{ mustToRawJson (list "<") }}|{{ mustToJson "<" }}|{{ mustToPrettyJson (list 1) }}'),
    ("toJson data", '{{ toJson . }}', {"user": "admin", "pass": "p@ss\"word"}),
    ("json round trip", '{{ .j | fromJson | toJson }}', {"j": "{\"z\":[1,2,{\"y\":null}],\"a\":\"\\u00e9\"}"}),
]:
    case(F, n, t, *d)
FILES[F][-2]["data_kind"] = "strings"
FILES[F][-1]["data_kind"] = "strings"

R = "reflection"
for n, t, *d in [
    ("typeOf", '{{ typeOf 1 }} {{ typeOf "s" }} {{ typeOf 1.5 }} {{ typeOf true }} {{ typeOf nil }} {{ typeOf (list) }} {{ typeOf (dict) }} {{ typeOf (splitList "," "") }} {{ typeOf (int64 1) }} {{ typeOf . }}', {"a": "b"}),
    ("kindOf", '{{ kindOf 1 }} {{ kindOf "s" }} {{ kindOf 1.5 }} {{ kindOf true }} {{ kindOf nil }} {{ kindOf (list) }} {{ kindOf (dict) }} {{ kindOf (int64 1) }}'),
    ("typeIs kindIs", '{{ typeIs "int" 1 }} {{ typeIs "string" 1 }} {{ typeIsLike "int" 1 }} {{ kindIs "slice" (list) }} {{ kindIs "map" "x" }} {{ typeIs "[]interface {}" (list) }}'),
    ("deepEqual", '{{ deepEqual (list 1 2) (list 1 2) }} {{ deepEqual (list 1) (list "1") }} {{ deepEqual (dict "a" 1) (dict "a" 1) }} {{ deepEqual 1 (int64 1) }} {{ deepEqual nil nil }} {{ deepEqual "a" "a" }} {{ deepEqual (add 1 1) (int64 2) }}'),
]:
    case(R, n, t, *d)
FILES[R][0]["data_kind"] = "strings"

P = "paths"
for n, t in [
    ("path", '{{ base "/a/b/c.txt" }}|{{ dir "/a/b/c.txt" }}|{{ clean "/a//b/../c/." }}|{{ ext "x.tar.gz" }}|{{ isAbs "/a" }} {{ isAbs "a" }}|{{ base "" }}|{{ dir "" }}|{{ clean "" }}|{{ base "/" }}|{{ dir "a" }}|{{ ext "noext" }}|{{ clean "../../x" }}|{{ base "a/b/" }}'),
    ("os path", '{{ osBase "/a/b" }}|{{ osDir "/a/b" }}|{{ osClean "a/./b" }}|{{ osExt "f.md" }}|{{ osIsAbs "/x" }}'),
]:
    case(P, n, t)

X = "regex"
for n, t in [
    ("regexMatch", '{{ regexMatch "^[a-z]+$" "abc" }} {{ regexMatch "^[a-z]+$" "abc\\n" }} {{ regexMatch "(?i)ABC" "xabcx" }} {{ regexMatch "(" "x" }} {{ regexMatch "^\\\\d{3}-\\\\d{4}$" "555-1234" }} {{ regexMatch "\\\\w+@\\\\w+\\\\.com" "a@b.com" }}'),
    ("mustRegexMatch bad", '{{ mustRegexMatch "a(?=b)" "ab" }}'),
    ("regexFind", '{{ regexFind "[a-z]+\\\\d" "abc1 def2" }}|{{ regexFind "x" "abc" }}|{{ regexFind "(?P<word>\\\\w+)" "  hi" }}'),
    ("regexFind bad", '{{ regexFind "a(" "x" }}'),
    ("regexFindAll", '{{ regexFindAll "a." "abacad" -1 }}|{{ regexFindAll "a." "abacad" 2 }}|{{ regexFindAll "a." "abacad" 0 }}|{{ regexFindAll "x*" "axxb" -1 }}|{{ regexFindAll "" "abc" -1 }}|{{ regexFindAll "z" "abc" -1 | len }}'),
    ("regexReplaceAll", '{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "${1}W" }}|{{ regexReplaceAll "a(x*)b" "-ab-axxb-" "$1W" }}|{{ regexReplaceAll "(?P<x>a)(b)" "ab ab" "${x}-$2-$x-$$-$" }}|{{ regexReplaceAll "a*" "baaac" "X" }}|{{ regexReplaceAll "" "abc" "-" }}|{{ regexReplaceAll "\\\\s+" "a  b \\t c" " " }}'),
    ("regexReplaceAll numbered", '{{ regexReplaceAll "(\\\\w+)@(\\\\w+)" "user@host x@y" "$2 at $1" }}|{{ regexReplaceAll "(a)(b)?" "a ab" "[$1|$2|$3|$0]" }}|{{ regexReplaceAll "(a)" "a" "${1" }}'),
    ("regexReplaceAllLiteral", '{{ regexReplaceAllLiteral "a(x*)b" "-ab-axxb-" "${1}" }}|{{ regexReplaceAllLiteral "\\\\." "a.b.c" "$" }}'),
    ("regexSplit", '{{ regexSplit "z+" "pizza" -1 }}|{{ regexSplit "z+" "pizza" 1 }}|{{ regexSplit "z+" "pizza" 2 }}|{{ regexSplit "z+" "pizza" 0 | len }}|{{ regexSplit "" "abc" -1 }}|{{ regexSplit "," "" -1 | len }}|{{ regexSplit "a*" "baaac" -1 }}|{{ regexSplit "x" "axbx" -1 }}'),
    ("regexQuoteMeta", '{{ regexQuoteMeta "1.5+2*[x]{y}(z)|^$?\\\\" }}|{{ regexQuoteMeta "plain" }}'),
    ("anchors and multiline", '{{ regexFindAll "(?m)^\\\\w+$" "one\\ntwo\\nthree" -1 }}|{{ regexFindAll "^\\\\w+$" "one\\ntwo" -1 | len }}|{{ regexMatch "a$" "a\\n" }}|{{ regexMatch "(?m)a$" "a\\n" }}|{{ regexFindAll "\\\\Aa|b\\\\z" "ab" -1 }}'),
    ("dot and s flag", '{{ regexFind "a.c" "a\\nc" }}|{{ regexFind "(?s)a.c" "a\\nc" }}|{{ regexFind "(?s:a.)c" "a\\nc" }}'),
    ("classes", '{{ regexFindAll "[[:alpha:]]+" "ab12cd" -1 }}|{{ regexFindAll "[^[:digit:]]+" "ab12cd" -1 }}|{{ regexFindAll "[\\\\d.]+" "v1.25x" -1 }}|{{ regexFindAll "\\\\pL+" "héllo wörld 42" -1 }}|{{ regexFindAll "[a-c-]+" "a-b-d" -1 }}|{{ regexFindAll "[]a]+" "]a]b" -1 }}|{{ regexFindAll "\\\\S+" " x  yz " -1 }}|{{ regexFindAll "[\\\\w-]+" "a-b c_d" -1 }}'),
    ("escapes", '{{ regexFind "\\\\x41\\\\x{42}\\\\101" "xABAx" }}|{{ regexFind "\\\\Qa.b*\\\\E+" "a.b*a.b*" }}|{{ regexFind "\\\\t" "a\\tb" | len }}|{{ regexFind "a{,2}" "a{,2}" }}|{{ regexFind "a{2" "aa{2" }}'),
    ("repetition", '{{ regexFind "a{2,3}" "aaaa" }}|{{ regexFind "a{2,}?" "aaaa" }}|{{ regexFind "a+?" "aaa" }}|{{ regexFind "(?U)a+" "aaa" }}|{{ regexFind "(?U)a+?" "aaa" }}|{{ regexFind "(a|ab)(c|bcd)" "abcd" }}'),
    ("ungreedy scope", '{{ regexFind "(?U:a+)a+" "aaaa" }}|{{ regexFind "(?i:A)a" "aA" }}|{{ regexFind "(?i:A)a" "AA" }}'),
]:
    case(X, n, t)
for bad in ["a)", "[a", "[z-a]", "a**", "*a", "a{1001}", "\\\\1", "(?=b)", "(?<=a)b", "(?P<>a)", "(?P<n!>a)", "a\\\\", "x{2,1}", "(?z)", "\\\\8", "[a-\\\\d]", "a++", "+", "(?i)*", "\\\\Z", "[[:foo:]]", "a|*", "(?P<name", "\\\\pX"]:
    case(X, "must bad " + bad, '{{ mustRegexFind "' + bad + '" "x" }}')
for bad in ["a)", "(?=b)", "\\\\1"]:
    case(X, "panic bad " + bad, '{{ regexFindAll "' + bad + '" "x" -1 }}')
    case(X, "split panic bad " + bad, '{{ regexSplit "' + bad + '" "x" -1 }}')
case(X, "mustRegexReplaceAll bad", '{{ mustRegexReplaceAll "[" "x" "y" }}')
case(X, "regexReplaceAll bad backquote", '{{ regexReplaceAll "a`(" "x" "y" }}')

T = "dates"
for n, t, *d in [
    ("date from unix int", '{{ date "2006-01-02 15:04:05" 1700000000 }}|{{ date "Mon Jan _2 3:4:5 PM 2006 -0700 Z07:00 MST" 1700000000 }}|{{ htmlDate 0 }}|{{ date "January Monday 06 002 __2 pm .000 .999 ,000" 1700000000 }}'),
    ("date from int64 and data", '{{ date "2006-01-02T15:04:05Z07:00" (int64 1600000000) }}|{{ date "02/01/2006" .ts }}', {"ts": 1234567890}),
    ("dateInZone", '{{ dateInZone "2006-01-02 15:04 -07:00" 1700000000 "America/New_York" }}|{{ dateInZone "15:04 Z0700" 1700000000 "Asia/Kolkata" }}|{{ dateInZone "15:04 MST" 1700000000 "UTC" }}|{{ date_in_zone "15:04 -0700" 1700000000 "No/Such_Zone" }}|{{ htmlDateInZone 1700000000 "Pacific/Kiritimati" }}'),
    ("toDate", '{{ toDate "2006-01-02" "2017-12-31" }}|{{ toDate "2006-01-02 15:04:05.000" "2017-12-31 23:59:58.123" }}|{{ toDate "2006-01-02T15:04:05Z07:00" "2020-02-29T12:00:00+02:00" | date "2006-01-02 15:04 MST" }}|{{ toDate "2006-01-02" "bad" }}|{{ typeOf (toDate "2006" "2020") }}'),
    ("toDate unix", '{{ toDate "2006-01-02T15:04:05Z07:00" "2020-02-29T12:00:00+02:00" | unixEpoch }}|{{ toDate "Jan 2 2006 3:04PM" "Mar 7 2021 9:05AM" | unixEpoch }}|{{ toDate "2006-01-02T15:04:05.999999999Z07:00" "2021-06-01T00:00:00.5Z" }}'),
    ("mustToDate bad", '{{ mustToDate "2006-01-02" "2017-13-01" }}'),
    ("mustToDate mismatch", '{{ mustToDate "2006-01-02" "17-12-01" }}'),
    ("mustToDate extra", '{{ mustToDate "2006-01-02" "2017-12-01x" }}'),
    ("mustToDate day range", '{{ mustToDate "2006-01-02" "2017-02-30" }}'),
    ("dateModify", '{{ $t := toDate "2006-01-02 15:04" "2020-01-01 10:00" }}{{ dateModify "1h30m" $t }}|{{ dateModify "-24h" $t | date "2006-01-02" }}|{{ dateModify "bad" $t }}|{{ date_modify "1.5s" $t }}|{{ mustDateModify "90m" $t | unixEpoch }}'),
    ("mustDateModify bad", '{{ mustDateModify "1d" (toDate "2006" "2020") }}'),
    ("mustDateModify no unit", '{{ must_date_modify "10" (toDate "2006" "2020") }}'),
    ("dateModify not time", '{{ dateModify "1h" "2020-01-01" }}'),
    ("duration", '{{ duration "95" }}|{{ duration (int64 3661) }}|{{ duration 95 }}|{{ duration "0" }}|{{ duration "-1" }}|{{ duration "x" }}|{{ duration (int64 90061) }}'),
    ("durationRound", '{{ durationRound "2h10m5s" }}|{{ durationRound "-49h" }}|{{ durationRound (int64 1500000000) }}|{{ durationRound "400d" }}|{{ durationRound "800h" }}|{{ durationRound "9000h" }}|{{ durationRound "61s" }}|{{ durationRound "1s" }}|{{ durationRound "1.5ms" }}|{{ durationRound 5 }}'),
    ("unixEpoch", '{{ unixEpoch (toDate "2006-01-02" "2000-01-01") }}'),
    ("time methods", '{{ $t := toDate "2006-01-02 15:04:05" "2021-03-04 05:06:07" }}{{ $t.Year }} {{ $t.Day }} {{ $t.Hour }} {{ $t.Unix }} {{ $t.Format "Jan 2" }} {{ $t.YearDay }} {{ $t.UTC }}'),
    ("now type", '{{ typeOf now }} {{ kindOf now }} {{ now | date "2006" | len }}'),
    ("time json", '{{ toJson (toDate "2006-01-02 15:04:05" "2021-03-04 05:06:07") }}'),
]:
    case(T, n, t, *d)

V = "semver"
for n, t in [
    ("semver fields", '{{ $v := semver "1.2.3-beta.1+build.5" }}{{ $v.Major }} {{ $v.Minor }} {{ $v.Patch }} {{ $v.Prerelease }} {{ $v.Metadata }} {{ $v.Original }} {{ $v }}'),
    ("semver coerce", '{{ semver "v1.2" }}|{{ (semver "1").Original }}|{{ semver "v1.2.3" }}'),
    ("semver bad", '{{ semver "not.a.version" }}'),
    ("semverCompare", '{{ semverCompare "^1.2.0" "1.4.5" }} {{ semverCompare ">=1.2.3, <2" "2.0.0" }} {{ semverCompare "~1.2" "1.2.9" }} {{ semverCompare "~1.2" "1.3.0" }} {{ semverCompare "1.2.x" "1.2.7" }} {{ semverCompare "> 1.0 || < 0.5" "0.4.0" }} {{ semverCompare "*" "1.0.0" }} {{ semverCompare "!=1.2.3" "1.2.3" }} {{ semverCompare "=1.2.3" "v1.2.3" }} {{ semverCompare "^0.2.3" "0.3.0" }} {{ semverCompare "^0.0.3" "0.0.3" }} {{ semverCompare ">1.0.0-alpha" "1.0.0-beta" }} {{ semverCompare ">1.0.0" "1.1.0-beta" }} {{ semverCompare "1.2.3 - 1.4.5" "1.4.0" }}'),
    ("semverCompare bad constraint", '{{ semverCompare "blah" "1.0.0" }}'),
    ("semverCompare bad version", '{{ semverCompare "1.0" "bad" }}'),
    ("semver methods", '{{ $v := semver "1.2.3" }}{{ $v.Compare (semver "1.2.4") }} {{ $v.LessThan (semver "2.0.0") }} {{ $v.GreaterThan (semver "1.0.0") }} {{ $v.Equal (semver "v1.2.3") }} {{ $v.IncMinor }}'),
]:
    case(V, n, t)

U = "urls"
for n, t in [
    ("urlParse", '{{ $u := urlParse "https://user:pa%20ss@example.com:8443/a/b%2Fc?q=1&x=y#frag" }}{{ $u.scheme }}|{{ $u.host }}|{{ $u.hostname }}|{{ $u.path }}|{{ $u.query }}|{{ $u.fragment }}|{{ $u.userinfo }}|{{ $u.opaque }}'),
    ("urlParse simple", '{{ urlParse "postgres://db:5432/app" }}|{{ urlParse "mailto:a@b.c" }}|{{ urlParse "/rel/path?x" }}'),
    ("urlParse bad", '{{ urlParse "http://[::1" }}'),
    ("urlJoin", '{{ urlJoin (dict "scheme" "https" "host" "example.com" "path" "/a b" "query" "x=1" "fragment" "f g") }}|{{ urlJoin (dict "scheme" "http" "host" "h" "userinfo" "u:p") }}|{{ urlJoin (dict "path" "rel") }}|{{ urlJoin (dict "scheme" "mailto" "opaque" "a@b.c") }}'),
    ("urlJoin bad type", '{{ urlJoin (dict "host" 1) }}'),
    ("url round trip", '{{ urlParse "https://example.com/x?y=1" | urlJoin }}'),
]:
    case(U, n, t)

C = "crypto"
for n, t in [
    ("derivePassword long", '{{ derivePassword 1 "long" "password" "user" "example.com" }}'),
    ("derivePassword maximum", '{{ derivePassword 2 "maximum" "secret" "alice" "site.org" }}'),
    ("derivePassword pin", '{{ derivePassword 1 "pin" "p" "u" "s" }}'),
    ("derivePassword unknown type", '{{ derivePassword 1 "nope" "p" "u" "s" }}'),
    ("encryptAES round trip", '{{ encryptAES "secretkey" "plaintext" | decryptAES "secretkey" }}|{{ encryptAES "k" "" | decryptAES "k" }}'),
    ("decryptAES fixed", '{{ decryptAES "secretkey" "MSN5zYexPmgJTYmlwU4zmsDtq8e6Rvpe0O9i2gWs0G8=" }}'),
    ("decryptAES bad base64", '{{ decryptAES "k" "!!" }}'),
    ("decryptAES short", '{{ decryptAES "k" "YWJj" }}'),
    ("random shapes", '{{ randAlphaNum 10 | len }} {{ randAlpha 5 | len }} {{ randNumeric 7 | len }} {{ randAscii 3 | len }} {{ uuidv4 | len }} {{ regexMatch "^[0-9]+$" (randNumeric 8) }} {{ regexMatch "^[a-zA-Z]+$" (randAlpha 8) }} {{ regexMatch "^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$" uuidv4 }} {{ randBytes 12 | b64dec | len }} {{ randInt 3 4 }} {{ shuffle "aaa" }} {{ randAlphaNum 0 | len }}'),
    ("htpasswd shape", '{{ $h := htpasswd "user" "pass" }}{{ hasPrefix "user:$2a$10$" $h }} {{ len $h }}'),
    ("bcrypt shape", '{{ $h := bcrypt "pass" }}{{ hasPrefix "$2a$10$" $h }} {{ len $h }}'),
    ("genPrivateKey ecdsa", '{{ genPrivateKey "ecdsa" | hasPrefix "-----BEGIN EC PRIVATE KEY-----" }}'),
    ("genPrivateKey ed25519", '{{ $k := genPrivateKey "ed25519" }}{{ hasPrefix "-----BEGIN PRIVATE KEY-----" $k }} {{ len $k }}'),
    ("genPrivateKey unknown", '{{ genPrivateKey "x" }}'),
    ("genSelfSignedCertWithKey ec", '{{ $k := genPrivateKey "ecdsa" }}{{ $c := genSelfSignedCertWithKey "foo.com" (list "10.0.0.1") (list "bar.com") 10 $k }}{{ hasPrefix "-----BEGIN CERTIFICATE-----" $c.Cert }} {{ eq $c.Key $k }}'),
    ("genSignedCertWithKey ec", '{{ $k := genPrivateKey "ecdsa" }}{{ $ca := genCAWithKey "ca" 3 $k }}{{ $c := genSignedCertWithKey "leaf" nil (list "a.com") 3 $ca $k }}{{ hasPrefix "-----BEGIN CERTIFICATE-----" $c.Cert }} {{ hasSuffix "-----END EC PRIVATE KEY-----\\n" $c.Key }}'),
    ("genCAWithKey bad key", '{{ genCAWithKey "ca" 3 "not a key" }}'),
    ("genSelfSignedCert bad ip", '{{ genSelfSignedCertWithKey "x" (list "not-an-ip") nil 1 (genPrivateKey "ecdsa") }}'),
    ("buildCustomCert bad", '{{ buildCustomCert "!!" "x" }}'),
    ("genCA shape", '{{ $ca := genCA "my-ca" 365 }}{{ hasPrefix "-----BEGIN CERTIFICATE-----" $ca.Cert }} {{ hasPrefix "-----BEGIN RSA PRIVATE KEY-----" $ca.Key }}'),
]:
    case(C, n, t)

E2 = "eso-usage"
esodata = {"username": "admin", "password": "p@ss\"w0rd", "my-key": "v1", "config.json": "{\"a\":1,\"b\":[\"x\"]}", "pem": "-----BEGIN X-----\nAAAA\n-----END X-----\n", "empty": "", "num": "42", "list": "a,b,,c"}
for n, t in [
    ("database url", 'postgresql://{{ .username }}:{{ .password | urlquery }}@db:5432/app'),
    ("index dashed key", '{{ index . "my-key" | upper }}|{{ get (dict "k" (index . "my-key")) "k" }}'),
    ("b64 round trip of data", '{{ .password | b64enc }}|{{ .password | b64enc | b64dec }}'),
    ("json from secret", '{{ $c := .config_json | fromJson }}{{ $c.a }} {{ index $c.b 0 }}'),
    ("json from dotted key", '{{ $c := index . "config.json" | fromJson }}{{ $c.a }} {{ index $c.b 0 }} {{ toJson $c }}'),
    ("default on empty value", '{{ .empty | default "fallback" }}|{{ .username | default "x" }}'),
    ("arith on string numbers", '{{ add .num 1 }} {{ mul .num 2 }} {{ atoi .num | add1 }} {{ .num | int | typeOf }}'),
    ("split data list", '{{ range $i, $v := splitList "," .list }}{{ $i }}={{ $v }};{{ end }}|{{ .list | splitList "," | compact | join "+" }}'),
    ("range sorted data", '{{ range $k, $v := . }}{{ $k }};{{ end }}'),
    ("nindent pem", 'key:{{ .pem | nindent 2 }}'),
    ("sha of password", '{{ .password | sha256sum | trunc 12 }}'),
    ("toJson of data map", '{{ toJson . | len }}|{{ toPrettyJson (pick (dict "u" .username "p" .password) "u") }}'),
    ("missing key error", '{{ .nope }}'),
    ("quote values", '{{ .password | quote }}|{{ .password | squote }}'),
    ("regex on data", '{{ regexReplaceAll "[^a-z]" .password "" }}|{{ regexFind "[0-9]+" .password }}'),
    ("ternary on data", '{{ ternary "yes" "no" (eq .username "admin") }}|{{ ternary "yes" "no" (empty .empty) }}'),
    ("dict from data", '{{ $d := dict "user" .username "n" (atoi .num) }}{{ $d.user }}/{{ $d.n }}/{{ typeOf $d.n }}'),
    ("printf with sprig", '{{ printf "%s-%d-%v" .username (len .password) (list 1 2) }}|{{ printf "%T %T" (add 1 1) (list) }}'),
]:
    case(E2, n, t, dict(esodata, config_json=esodata["config.json"]), data_kind="strings", missingkey="error")

S2 = "strings-more"
for n, t in [
    ("title unicode", '{{ title "élan vital über-cool x_y 3d" }}|{{ upper "straße" }}|{{ lower "İ" | len }}'),
    ("swapcase unicode", '{{ swapcase "Ünïcode ÄB" }}'),
    ("substr multibyte", '{{ substr 0 2 "héllo" | len }}|{{ trunc 2 "héllo" | len }}'),
    ("abbrev edge", '{{ abbrev 4 "abcdef" }}|{{ abbrev 5 "abcde" }}|{{ abbrevboth 5 10 "abcdefghijklmno" }}|{{ abbrevboth 10 10 "abcdefghijklmnopqrstuvwxyz" }}'),
    ("wrap long words", '{{ wrap 4 "a verylongword b" }}|{{ wrapWith 4 "|" "a verylongword b" }}'),
    ("trim unicode spaces", '[{{ trim "\\u00a0 x \\u2003" }}]|[{{ trimAll "ab" "abxba" }}]|[{{ trimAll "é" "éxé" }}]'),
    ("snake kebab unicode", '{{ snakecase "ÜberCool" }}|{{ kebabcase "HTTP2Server" }}|{{ snakecase "a.b.C" }}|{{ snakecase "  x  " }}|{{ camelcase "a-b_c d" }}'),
    ("initials and nospace unicode", '{{ initials "élan vital" }}|{{ nospace "é x" }}'),
    ("cat and quote types", '{{ cat 1.0 2.5e10 (int64 3) true nil "s" }}|{{ quote 1.0 (list "a") (dict "k" "v") }}'),
    ("replace and repeat", '{{ replace "ab" "" "xabyabz" }}|{{ repeat 3 "é" }}'),
    ("indent empty", '[{{ indent 2 "" }}]|[{{ nindent 0 "x" }}]|[{{ indent 1 "a\\n\\nb" }}]'),
    ("plural and contains edge", '{{ plural "a" "b" -1 }}|{{ contains "" "x" }}|{{ hasPrefix "" "" }}'),
    ("toString of values", '{{ toString 1.0 }}|{{ toString 1e21 }}|{{ toString (list nil) }}|{{ toString (dict) }}|{{ toString (int64 5) }}|{{ toString 0.1 }}'),
    ("sortAlpha mixed", '{{ sortAlpha (list "b" 10 2.5 true nil "A") }}'),
    ("splitn more", '{{ $p := splitn "," 3 "a,b,c,d" }}{{ $p._2 }}|{{ len (splitn "," 1 "a,b") }}'),
]:
    case(S2, n, t)

for name, cases in FILES.items():
    with open(os.path.join(os.path.dirname(__file__), f"sprig-{name}.jsonl"), "w") as f:
        for c in cases:
            f.write(json.dumps(c, ensure_ascii=False) + "\n")
