#!/usr/bin/env bash
# Publish kubeseal as a self-contained Native AOT binary to artifacts/kubeseal/ (the CLI process
# tests and the cold-start benchmark run this binary). Trim/AOT warnings fail the build.
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet publish src/SealedSecrets.Kubeseal/SealedSecrets.Kubeseal.csproj -c Release -r linux-x64 \
  --nologo -v q -warnaserror -p:TreatWarningsAsErrors=true -o artifacts/kubeseal
test -x artifacts/kubeseal/kubeseal
