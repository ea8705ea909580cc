#!/usr/bin/env bash
# Seal/unseal rates of SealedSecrets.Crypto against `openssl speed rsa4096` on one core, measured
# side by side in interleaved rounds (the machine is shared and noisy), printing medians and the
# ratios the issue sets: unseal >= 0.9x openssl sign/s, seal >= 0.85x openssl verify/s.
# Both sides divide by user CPU time (openssl speed's default; our `rate` mode does the same), so
# load from other jobs on a shared machine does not skew the ratio; wall-clock figures are printed too.
# Usage: bash bench/compare-openssl.sh [rounds=5] [seconds=3] [value-bytes=64]
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=${1:-5}; seconds=${2:-3}; size=${3:-64}
dotnet build bench/SealedSecrets.Bench/SealedSecrets.Bench.csproj -c Release --nologo -v q >/dev/null
bench="dotnet bench/SealedSecrets.Bench/bin/Release/net10.0/SealedSecrets.Bench.dll"
sign=(); verify=(); seal=(); unseal=()
for r in $(seq "$rounds"); do
  line=$(taskset -c 0 openssl speed -seconds "$seconds" rsa4096 2>/dev/null | awk '/^rsa 4096 bits/ {print $(NF-1), $NF}')
  sign+=("${line% *}"); verify+=("${line#* }")
  ours=$(taskset -c 0 $bench rate "$seconds" "$size")
  seal+=("$(echo "$ours" | awk '{print $2}')"); unseal+=("$(echo "$ours" | awk '{print $4}')")
  echo "round $r: openssl sign/s ${sign[-1]} verify/s ${verify[-1]} | ours unseal/s ${unseal[-1]} seal/s ${seal[-1]} (wall: $(echo "$ours" | awk '{print "unseal/s " $8 " seal/s " $6}'))"
done
median() { printf '%s\n' "$@" | sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
ms=$(median "${sign[@]}"); mv=$(median "${verify[@]}"); mu=$(median "${unseal[@]}"); mse=$(median "${seal[@]}")
echo "median: openssl sign/s $ms verify/s $mv | ours unseal/s $mu seal/s $mse ($size-byte values, strict scope)"
awk -v u="$mu" -v s="$ms" -v se="$mse" -v v="$mv" 'BEGIN {printf "ratio unseal/sign %.2f (target >= 0.90), seal/verify %.2f (target >= 0.85)\n", u/s, se/v}'
