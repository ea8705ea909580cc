#!/usr/bin/env python3
"""Authors cases/fuzz.jsonl: random templates from a grammar of Go template syntax (fixed seed).

Go renders them into ../expected/fuzz.jsonl, so they act as a differential corpus: whatever the
grammar produces, the C# engine must print the same bytes or the same error as Go. Constructs
whose meaning changed after Go 1.19 (range over integers, else with) are not generated.

Run: python3 make_fuzz_cases.py > fuzz.jsonl
"""
import json
import random

R = random.Random(20261128)
DATA = {"a": "A", "b": 2, "f": 2.5, "z": 0, "t": True, "e": "", "n": None,
        "l": [1, "x", None, 2.5, True], "m": {"k": "v", "n": None, "i": 3, "l": [1, 2]},
        "s": "héllo", "big": 1234567, "neg": -3}
FUNCS = ["slice", "call", "and", "or", "not", "len", "index", "print", "printf", "println", "html", "js", "urlquery",
         "eq", "ne", "lt", "le", "gt", "ge"]
LITS = ["0", "1", "-3", "0x1F", "0b101", "0o17", "017", "1_000", "1.5", "1e6", "2.5e-3", "0x1p-2",
        "'a'", "'\\n'", '"s"', '"%d"', '"%v %s"', '"%q"', '"%x"', '"%5.2f"', '"<&>"', "`raw`", "true",
        "false", "nil", '"k"', '"i"', "2", '"%+v"', '"%#v"', '"%T"', '"%08.3f"', '"%-5d|"', '"%e"', '"%g"', '"%c"', '"%U"', '"%6.2s|"', '"%t"', '"%o"', '"%b"', '"%X"', '"%[2]v %[1]v"', '"%*d"', '"%.*f"', '"%!"', '"%"', '"%v%v%v"', "1e21", "0.000001", "123456789.0", "-0.0", "1e-7", "100000.0", "3", "-1", "'\\u00e9'", '"\\x00\\xff"', '"日本"']
FIELDS = [".", ".a", ".b", ".f", ".z", ".t", ".e", ".n", ".l", ".m", ".m.k", ".m.n", ".m.i", ".m.l",
          ".missing", ".m.missing", ".s", ".big", ".neg", "$", "$.a", "$x", "$x.k"]


def operand(d):
    r = R.random()
    if r < 0.35:
        return R.choice(LITS)
    if r < 0.5 and d < 3:
        return "(" + pipeline(d + 1) + ")"
    return R.choice(FIELDS)


def command(d):
    if R.random() < 0.35:
        return operand(d)
    f = R.choice(FUNCS)
    return " ".join([f] + [operand(d) for _ in range(R.randint(0, 3))])


def pipeline(d):
    p = command(d)
    for _ in range(R.choice([0, 0, 0, 1, 2])):
        p += " | " + R.choice(FUNCS)
        if R.random() < 0.5:
            p += " " + operand(d)
    return p


def items(d):
    out = []
    for _ in range(R.randint(1, 3 if d < 2 else 1)):
        r = R.random()
        if r < 0.2:
            out.append(R.choice(["x", " ", "\n", "-"]))
        elif r < 0.55 or d >= 2:
            out.append("{{" + R.choice(["", "- "]) + pipeline(d) + R.choice(["", " -"]) + "}}")
        elif r < 0.7:
            out.append("{{if " + pipeline(d) + "}}" + items(d + 1) + R.choice(["", "{{else}}" + items(d + 1)]) + "{{end}}")
        elif r < 0.85:
            head = R.choice(["", "$i, $v := ", "$v := "])
            out.append("{{range " + head + R.choice([".l", ".m", ".m.l", ".e", ".n", ".missing", ".s", ".a"]) + "}}"
                       + items(d + 1) + R.choice(["", "{{break}}", "{{continue}}"]) + R.choice(["", "{{else}}" + items(d + 1)]) + "{{end}}")
        elif r < 0.95:
            out.append("{{with " + pipeline(d) + "}}" + items(d + 1) + "{{end}}")
        else:
            out.append("{{$x = " + pipeline(d) + "}}")
    return "".join(out)


for i in range(1000):
    text = "{{$x := .m}}" + items(0)
    mk = R.choice(["", "", "error", "zero"])
    if R.random() < 0.2:
        text = '{{define "d"}}[{{.}}|' + items(1) + ']{{end}}' + text + '{{template "d" ' + operand(1) + '}}'
    c = {"name": "fuzz %04d" % i, "template": text, "data": DATA}
    k = R.choice(["typed", "typed", "json"])
    if k != "typed":
        c["data_kind"] = k
    if mk:
        c["missingkey"] = mk
    print(json.dumps(c, ensure_ascii=False))
