#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# seq_roundtrip.sh REPRODUCE CORPUS WORKDIR: converts the corpus's seeds to
# RMI call sequences (--to-seq) and replays each (--seq): every call must
# give the outputs recorded at conversion, with no invariant violation.
repro=$1 corpus=$2 work=$3
mkdir -p "$work" || exit 1
n=0
for f in "$corpus"/*; do
  [ -f "$f" ] || continue
  n=$((n + 1))
  [ $n -le 20 ] || { n=20; break; }
  out="$work/$(basename "$f").seq"
  "$repro" --to-seq "$out" "$f" > /dev/null || { echo "convert failed: $f" >&2; exit 1; }
  grep -q '^SMC_RMI_' "$out" || { echo "no call in $out" >&2; exit 1; }
  res=$("$repro" --seq "$out") || { printf '%s\n' "$res" | tail -5; echo "replay of $out failed" >&2; exit 1; }
done
[ $n -gt 0 ] || { echo "no seeds in $corpus" >&2; exit 1; }
echo "seq_roundtrip: $n seeds converted and replayed"
