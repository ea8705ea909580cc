#!/usr/bin/env bash
# Runs the Go side of the template benchmarks when Go is installed (Debian golang-1.19-go or any go).
set -euo pipefail
cd "$(dirname "$0")"
go=${GO:-$(command -v go || echo /usr/lib/go-1.19/bin/go)}
if [ ! -x "$go" ]; then echo "Go not installed; skipping"; exit 0; fi
GOFLAGS=-mod=mod GOCACHE=${GOCACHE:-/tmp/templating-go-cache} "$go" test -run '^$' -bench . -benchmem -count "${COUNT:-5}"
