#!/bin/sh
# Regenerates golden/expected/sprig-*.jsonl from golden/cases/sprig-*.jsonl with the real Go engine.
# Needs Debian's golang-1.19-go and golang-github-masterminds-sprig-dev (GOPATH mode).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
gopath=$(mktemp -d)
mkdir -p "$gopath/src/functionsgen"
cp "$here/main.go" "$gopath/src/functionsgen/"
ln -s /usr/share/gocode/src/github.com "$gopath/src/github.com"
ln -s /usr/share/gocode/src/golang.org "$gopath/src/golang.org"
( cd "$gopath/src/functionsgen" && GOPATH="$gopath" GO111MODULE=off GOFLAGS= /usr/lib/go-1.19/bin/go build -o "$gopath/gen" . )
mkdir -p "$here/../expected"
for f in "$here"/../cases/sprig-*.jsonl; do
  name=$(basename "$f")
  TZ=UTC "$gopath/gen" < "$f" > "$here/../expected/$name"
  echo "$name: $(wc -l < "$here/../expected/$name") cases"
done
rm -rf "$gopath"
