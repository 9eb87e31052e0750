#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Set up a fresh machine, then build and run every test twice: a debug
# build (invariant checks on) and an ASan+UBSan build; the concurrent RMI
# tests under ThreadSanitizer; a release build, installed into a fresh
# prefix with examples/ built against it; a build with the Unix Makefiles
# generator (the presets use Ninja); then a short run of
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
# ThreadSanitizer: only the concurrent RMI tests (label concurrency) and what they link.
echo "== tsan: the concurrent RMI tests and the emulator's --threads mode"
cmake --preset tsan >/dev/null
cmake --build --preset tsan -j "$jobs"
ctest --preset tsan -j "$jobs"
# The release preset is what scripts/run.sh builds: -O3 finds other warnings.
echo "== release: configure and build"
cmake --preset release >/dev/null
cmake --build --preset release -j "$jobs"
echo "== release: the README's first command (scripts/run.sh: default scenario)"
bash scripts/run.sh >/dev/null
echo "== install: a fresh prefix, examples/ built against it (find_package, pkg-config)"
bash scripts/test_install.sh build/release
# The presets use Ninja; the default generator must build everything too.
echo "== Unix Makefiles: configure and build the default targets"
cmake -S . -B build/make -G "Unix Makefiles" >/dev/null
cmake --build build/make -j "$jobs" >/dev/null
echo "== fuzz: short libFuzzer and AFL++ runs"
bash scripts/fuzz.sh ci
