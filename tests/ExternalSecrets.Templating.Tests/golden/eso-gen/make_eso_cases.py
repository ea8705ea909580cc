#!/usr/bin/env python3
"""Source cases for ESO's toYaml/fromYaml; eso-gen adds Go's results. Names: eso/yaml/..."""
import json

cases = [
    ("toYaml map", '{{ toYaml (dict "b" 1 "a" "x" "c" (list 1 2) "d" (dict "e" true "f" nil)) }}'),
    ("toYaml scalars", '{{ toYaml "plain" }}|{{ toYaml 1 }}|{{ toYaml 1.5 }}|{{ toYaml true }}|{{ toYaml nil }}|{{ toYaml (list) }}|{{ toYaml (dict) }}|{{ toYaml 1e21 }}|{{ toYaml 0.000001 }}|{{ toYaml 100000.0 }}'),
    ("toYaml quoting", '{{ toYaml (dict "n" "123" "b" "true" "y" "yes" "e" "" "t" "~" "f" "1.5" "c" "a: b" "h" "#x" "s" " lead" "q" "it\'s" "d" "-" "dash" "- x" "colon" "x:" "ts" "2020-01-01" "hex" "0x1F" "oct" "0777" "under" "1_000" "b60" "1:20" "star" "*x" "at" "@x" "bt" "`x" "pct" "%x" "tab" "a\\tb" "uni" "héllo" "nul" "null" "dot" ".5" "inf" ".inf" "nan" ".nan" "plus" "+1" "ques" "? x" "amp" "&a" "bang" "!x" "brace" "{x" "ob" "[x" "comma" ",x" "gt" ">x" "pipe" "|x" "dq" "\\"x" "sq" "\'x" "mid#" "a #b" "mid2" "a#b" "emptyish" "  " "trail" "x " "nonprint" "\\u0001" "bom" "\\ufeff" "doc" "---" "dots" "..." "key: v" "1") }}'),
    ("toYaml key order", '{{ toYaml (dict "a10" 1 "a2" 2 "a1" 3 "B" 4 "b" 5 "10" 6 "9" 7 "_x" 8 "a01" 9 "a001" 10) }}'),
    ("toYaml multiline", '{{ toYaml (dict "k" "line1\\nline2" "t" "trail\\n" "kk" "keep\\n\\n" "lead" "\\nx" "sp" " x\\ny" "emptyline" "a\\n\\nb") }}'),
    ("toYaml nested lists", '{{ toYaml (list (list 1 2) (dict "a" (list (dict "b" 1))) "x" (list) (dict)) }}'),
    ("toYaml long line", '{{ toYaml (dict "long" "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss tttt uuuu vvvv") }}'),
    ("toYaml long list item", '{{ toYaml (list "aaaa bbbb cccc dddd eeee ffff gggg hhhh iiii jjjj kkkk llll mmmm nnnn oooo pppp qqqq rrrr ssss") }}'),
    ("toYaml data", '{{ toYaml . }}', {"user": "admin", "password": "p@ss: word", "port": "5432"}),
    ("toYaml json round trip", '{{ .j | fromJson | toYaml }}', {"j": "{\"a\":{\"b\":[1,2.5,\"3\",null,true]},\"z\":\"\"}"}),
    ("toYaml special keys", '{{ toYaml (dict "a: b" 1 "" 2 "x\\ny" 3 "true" 4 "- d" 5) }}'),
    ("fromYaml map", '{{ $m := fromYaml "a: 1\\nb: two\\nc: [1, 2]\\nd:\\n  e: true\\n" }}{{ $m.a }} {{ typeOf $m.a }} {{ $m.b }} {{ $m.c }} {{ $m.d.e }} {{ typeOf $m }}'),
    ("fromYaml yaml11", '{{ $m := fromYaml "y: yes\\nn: off\\no: 0777\\nh: 0x1F\\nf: 1.5e3\\nnul: ~\\nts: 2020-01-01\\nq: \\"yes\\"\\nbin: 0b101\\nu: 1_000" }}{{ toJson $m }}'),
    ("fromYaml keys", '{{ toJson (fromYaml "1: a\\ntrue: b\\n1.5: c\\nnull: d") }}'),
    ("fromYaml list", '{{ fromYaml "- a\\n- b" }}'),
    ("fromYaml scalar", '{{ fromYaml "just a string" }}'),
    ("fromYaml empty", '{{ fromYaml "" }}|{{ fromYaml "# only comment" | len }}'),
    ("fromYaml multi doc", '{{ toJson (fromYaml "a: 1\\n---\\nb: 2") }}'),
    ("fromYaml anchors", '{{ toJson (fromYaml "base: &b\\n  x: 1\\n  y: 2\\nderived:\\n  <<: *b\\n  y: 3\\nref: *b") }}'),
    ("fromYaml block scalars", '{{ toJson (fromYaml "lit: |\\n  a\\n  b\\nfold: >\\n  c\\n  d\\nkeep: |+\\n  e\\n\\nstrip: |-\\n  f\\n") }}'),
    ("fromYaml round trip", '{{ toYaml (fromYaml "b: [1, {c: d}]\\na: x\\n") }}'),
    ("fromYaml data", '{{ (fromYaml .config).database.host }}', {"config": "database:\n  host: db.local\n  port: 5432\n"}),
    ("fromYaml duplicate keys", '{{ toJson (fromYaml "a: 1\\na: 2\\nb: 3") }}'),
    ("fromYaml bad yaml", '{{ (fromYaml "a: [1, 2").Error | hasPrefix "error converting YAML to JSON: yaml: " }}'),
    ("fromYaml tabs", '{{ (fromYaml "a:\\tb").Error | hasPrefix "error converting YAML to JSON: yaml: " }}|{{ toJson (fromYaml "a: \\"x\\ty\\"") }}'),
    ("fromYaml nested list of maps", '{{ $m := fromYaml "items:\\n  - name: a\\n    v: 1\\n  - name: b\\n    v: 2.5" }}{{ range $m.items }}{{ .name }}={{ .v }};{{ end }}'),
    ("sprig33 sha512sum", '{{ sha512sum "abc" }}|{{ sha512sum "" }}'),
    ("sprig33 hexdec", '{{ hexdec "48656c6c6f" }}|{{ hexdec "4g" }}|{{ hexdec "abc" }}|{{ hexdec "zz1" }}|{{ hexdec "" }}|{{ "secret" | b64enc | b64dec | sha256sum | hexdec | len }}'),
]

for c in cases:
    d = {"name": "eso/yaml/" + c[0], "template": c[1]}
    if len(c) > 2:
        d["data"] = c[2]
    print(json.dumps(d, ensure_ascii=False))
