#!/usr/bin/env bash
# Cold start of the Native AOT kubeseal sealing the seed's Secret with --cert, as a whole process
# (target: median <= 30 ms). Needs artifacts/kubeseal/kubeseal (bash .ci/steps/10-kubeseal-aot.sh)
# and hyperfine (Debian package).
# Usage: bash bench/coldstart.sh [runs=100]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-100}
bin=$(pwd)/artifacts/kubeseal/kubeseal
[ -x "$bin" ] || bash .ci/steps/10-kubeseal-aot.sh
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
openssl req -x509 -newkey rsa:4096 -nodes -keyout "$work/tls.key" -out "$work/tls.crt" \
  -subj "/CN=sealed-secret/O=sealed-secret" -days 3650 2>/dev/null
kubectl create secret generic checkout-secrets --namespace=production \
  --from-literal=PAYMENT_API_KEY=sk_live_xxx --from-literal=STRIPE_WEBHOOK_SECRET=whsec_xxx \
  --dry-run=client -o yaml > "$work/secret.yaml"
hyperfine -N --warmup 10 --runs "$runs" --export-json "$work/result.json" \
  "$bin --format=yaml --cert $work/tls.crt -f $work/secret.yaml"
python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print('median %.1f ms (min %.1f, max %.1f, mean %.1f)' % (r['median']*1e3, r['min']*1e3, r['max']*1e3, r['mean']*1e3))" "$work/result.json"
