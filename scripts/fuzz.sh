#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# The RMI fuzz harness (tests/fuzz, docs/fuzzing.md).
#
#   scripts/fuzz.sh libfuzzer [SECONDS]   libFuzzer run (default 300 s)
#   scripts/fuzz.sh afl [SECONDS]         AFL++ run (installs afl++ with apt-get if missing)
#   scripts/fuzz.sh reproduce FILE...     replay inputs, print the calls in the RMI log format
#   scripts/fuzz.sh coverage [SECONDS]    libFuzzer run, then llvm-cov line/branch report of rmm/src
#   scripts/fuzz.sh corpus                regenerate the seed corpus (tests/fuzz/corpus)
#   scripts/fuzz.sh ci                    ~60 s libFuzzer + ~60 s AFL++ (if installed); fails on any finding
#
# Environment: FUZZ_JOBS (libFuzzer workers, default 1), FUZZ_RMI_FAST=1
# (skip the invariant checker after the macros' helper DELEGATE calls),
# FUZZ_BUILD (build root, default build/). Exit status: 0 = no finding,
# 1 = finding (crash files under $FUZZ_BUILD/fuzz-work/), 2 = usage/setup error.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
BUILD=${FUZZ_BUILD:-$ROOT/build}
WORK=$BUILD/fuzz-work
SEEDS=$ROOT/tests/fuzz/corpus
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

die() { echo "fuzz.sh: $*" >&2; exit 2; }

# configure_build DIR TARGETS CMAKE-ARGS...
configure_build() {
  local dir=$1 targets=$2
  shift 2
  cmake -S "$ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE=Debug -DRMMSIM_FUZZ=ON \
    -DRMMSIM_TESTS=OFF "$@" >"$dir.configure.log" 2>&1 ||
    { cat "$dir.configure.log" >&2; die "configure of $dir failed"; }
  # shellcheck disable=SC2086
  cmake --build "$dir" --target $targets >"$dir.build.log" 2>&1 ||
    { tail -40 "$dir.build.log" >&2; die "build of $dir failed"; }
}

build_libfuzzer() {
  mkdir -p "$BUILD"
  configure_build "$BUILD/fuzz" "fuzz_rmi fuzz_rmi_reproduce" -DCMAKE_C_COMPILER=clang
}

# libFuzzer on a work corpus seeded from tests/fuzz/corpus; prints exec/s and the deepest states.
run_libfuzzer() {
  local secs=$1
  build_libfuzzer
  mkdir -p "$WORK/corpus" "$WORK/artifacts"
  local log=$WORK/libfuzzer.log rc=0 jobs=()
  # -jobs N runs N forked workers logging to fuzz-<n>.log in the current directory.
  [ "${FUZZ_JOBS:-1}" -le 1 ] || jobs=(-jobs="$FUZZ_JOBS" -workers="$FUZZ_JOBS")
  echo "== libFuzzer for ${secs}s (log: $log)"
  (cd "$WORK" && FUZZ_RMI_STATS=1 "$BUILD/fuzz/tests/fuzz/fuzz_rmi" "$WORK/corpus" "$SEEDS" \
    -max_total_time="$secs" -print_final_stats=1 -max_len=4096 -timeout=10 "${jobs[@]}" \
    -artifact_prefix="$WORK/artifacts/") >"$log" 2>&1 || rc=$?
  grep -E "^#[0-9]+ +DONE|average_exec_per_sec|number_of_executed_units|fuzz_rmi (stats|deepest)" \
    "$log" || true
  if [ "$rc" -ne 0 ] || ls "$WORK"/artifacts/crash-* "$WORK"/artifacts/timeout-* \
      "$WORK"/artifacts/oom-* >/dev/null 2>&1; then
    grep -A12 -E "FINDING|ERROR: (AddressSanitizer|libFuzzer)|runtime error" "$log" | head -40 >&2 || true
    echo "fuzz.sh: libFuzzer finding; artifacts in $WORK/artifacts/" >&2
    echo "         replay: scripts/fuzz.sh reproduce $WORK/artifacts/crash-..." >&2
    return 1
  fi
}

ensure_afl() {
  if command -v afl-clang-fast >/dev/null && command -v afl-fuzz >/dev/null; then
    return 0
  fi
  [ "${1:-install}" = install ] || return 1
  echo "== installing afl++ (apt-get)"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo -n"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends afl++ \
    >/dev/null || die "cannot install afl++ (apt-get install afl++)"
}

# AFL++ drives the same LLVMFuzzerTestOneInput: afl-clang-fast -fsanitize=fuzzer
# links AFL's libFuzzer-compatible driver, which runs in persistent mode.
run_afl() {
  local secs=$1
  mkdir -p "$BUILD"
  configure_build "$BUILD/fuzz-afl" fuzz_rmi -DCMAKE_C_COMPILER=afl-clang-fast
  local out=$WORK/afl rc=0
  rm -rf "$out"
  mkdir -p "$out"
  echo "== AFL++ for ${secs}s (output: $out)"
  AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 \
    AFL_NO_AFFINITY=1 AFL_SKIP_CRASHES=1 AFL_NO_WARN_INSTABILITY=1 \
    ASAN_OPTIONS="abort_on_error=1:detect_leaks=0:symbolize=0" \
    afl-fuzz -i "$SEEDS" -o "$out" -V "$secs" -m none -t 2000 \
    -- "$BUILD/fuzz-afl/tests/fuzz/fuzz_rmi" >"$WORK/afl.log" 2>&1 || rc=$?
  [ -f "$out/default/fuzzer_stats" ] ||
    { tail -30 "$WORK/afl.log" >&2; die "afl-fuzz did not start (rc $rc)"; }
  grep -E "^(execs_done|execs_per_sec|corpus_count|saved_crashes|unique_crashes|saved_hangs)" \
    "$out/default/fuzzer_stats" || true
  if ls "$out"/default/crashes/id:* >/dev/null 2>&1; then
    echo "fuzz.sh: AFL++ finding(s) in $out/default/crashes/" >&2
    echo "         replay: scripts/fuzz.sh reproduce $out/default/crashes/id:..." >&2
    return 1
  fi
}

run_reproduce() {
  [ $# -ge 1 ] || die "usage: scripts/fuzz.sh reproduce FILE|DIR..."
  build_libfuzzer
  "$BUILD/fuzz/tests/fuzz/fuzz_rmi_reproduce" "$@"
}

# Line/branch coverage of rmm/src after a libFuzzer run: the work corpus and
# the seeds replayed by a -fprofile-instr-generate build of the reproducer.
run_coverage() {
  local secs=$1 rc=0
  run_libfuzzer "$secs" || rc=$?
  configure_build "$BUILD/fuzz-cov" fuzz_rmi_reproduce -DCMAKE_C_COMPILER=clang \
    -DRMMSIM_COVERAGE=ON -DRMMSIM_FUZZ_SANITIZE=OFF
  local prof=$WORK/cov
  rm -rf "$prof"
  mkdir -p "$prof"
  echo "== coverage: replaying $(find "$WORK/corpus" "$SEEDS" -type f | wc -l) inputs"
  LLVM_PROFILE_FILE="$prof/rmm-%p.profraw" \
    "$BUILD/fuzz-cov/tests/fuzz/fuzz_rmi_reproduce" -q "$WORK/corpus" "$SEEDS" || rc=1
  local profdata=llvm-profdata llvmcov=llvm-cov
  command -v llvm-profdata >/dev/null || profdata=$(ls /usr/bin/llvm-profdata-* | tail -1)
  command -v llvm-cov >/dev/null || llvmcov=$(ls /usr/bin/llvm-cov-* | tail -1)
  "$profdata" merge -sparse "$prof"/*.profraw -o "$prof/rmm.profdata"
  "$llvmcov" report "$BUILD/fuzz-cov/tests/fuzz/fuzz_rmi_reproduce" \
    -instr-profile="$prof/rmm.profdata" "$ROOT/rmm/src" | tee "$WORK/coverage.txt"
  echo "== coverage report: $WORK/coverage.txt"
  return $rc
}

cmd=${1:-}
[ -n "$cmd" ] || die "usage: scripts/fuzz.sh libfuzzer|afl|reproduce|coverage|corpus|ci [ARG]"
shift
case "$cmd" in
  libfuzzer) run_libfuzzer "${1:-300}" || exit 1 ;;
  afl) ensure_afl install; run_afl "${1:-300}" || exit 1 ;;
  reproduce) run_reproduce "$@" ;;
  coverage) run_coverage "${1:-600}" || exit 1 ;;
  corpus) python3 "$ROOT/tests/fuzz/gen_corpus.py" "$SEEDS" ;;
  ci)
    status=0
    run_libfuzzer 60 || status=1
    if ensure_afl noinstall; then
      run_afl 60 || status=1
    else
      echo "== AFL++ not installed: skipped (scripts/fuzz.sh afl installs it)"
    fi
    exit $status
    ;;
  *) die "unknown command '$cmd'" ;;
esac
