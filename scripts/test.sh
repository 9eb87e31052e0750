#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Set up a fresh machine, then build and run every test twice: a debug
# build (invariant checks on) and an ASan+UBSan build; then a short run of
# each fuzzer (libFuzzer and AFL++, about a minute each, seeds first) that
# fails on any finding (docs/fuzzing.md).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
jobs=$(nproc)
for preset in debug asan; do
  echo "== $preset: configure and build"
  cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" -j "$jobs"
  echo "== $preset: tests"
  ctest --preset "$preset" -j "$jobs"
done
echo "== fuzz: short libFuzzer and AFL++ runs"
bash scripts/fuzz.sh ci
