#!/bin/sh
# Regenerates ../cases/eso-functions.jsonl (ESO's toYaml/fromYaml cases with Go's results embedded).
# Needs Debian's golang-1.19-go, golang-github-masterminds-sprig-dev, golang-gopkg-yaml.v2-dev.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src/esogen"
cp "$here/main.go" "$work/src/esogen/"
(cd "$work/src/esogen" && GOPATH="$work:/usr/share/gocode" GO111MODULE=off GOCACHE="$work/cache" /usr/lib/go-1.19/bin/go build -o "$work/esogen" .)
python3 "$here/make_eso_cases.py" | "$work/esogen" > "$here/../cases/eso-functions.jsonl"
echo "generated cases/eso-functions.jsonl ($(wc -l < "$here/../cases/eso-functions.jsonl") cases)"
