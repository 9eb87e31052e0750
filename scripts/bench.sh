#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Builds the release preset and runs every benchmark (bench/*), printing
# their tables. Figures depend on the machine; none is asserted anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release >/dev/null
b=build/release/bench
for exe in gpt/bench_gpt rmi/bench_rmi lifecycle/bench_lifecycle emu/bench_emu realm/bench_realm rec/bench_rec mmu/bench_mmu; do
  if [ -x "$b/$exe" ]; then
    echo "== $exe"
    "$b/$exe"
    echo
  fi
done
