#!/usr/bin/env bash
# Regenerates expected/*.jsonl from cases/*.jsonl with the real Go text/template (+ sprig).
# Needs Debian's golang-1.19-go and golang-github-masterminds-sprig-dev. CI does not run this.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
go=${GO:-/usr/lib/go-1.19/bin/go}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/src/goldengen"
cp "$here/generator/main.go" "$work/src/goldengen/"
export GOPATH="$work:/usr/share/gocode" GO111MODULE=off GOFLAGS=-mod=mod GOCACHE="$work/cache"
unset GOFLAGS
(cd "$work/src/goldengen" && "$go" build -o "$work/goldengen" .)
for cases in "$here"/cases/*.jsonl; do
  name=$(basename "$cases")
  "$work/goldengen" "$cases" "$here/expected/$name"
  echo "generated expected/$name ($(wc -l < "$here/expected/$name") cases)"
done
