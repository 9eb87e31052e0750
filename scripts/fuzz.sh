#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# The fuzz harnesses (tests/fuzz, docs/fuzzing.md): fuzz_rmi (RMI sequences
# from the host) and fuzz_rsi (a running realm: RSI, REC exits, RIPAS changes).
# HARNESS is rmi (default), rsi, mmu (fuzz_mmu: the host stage-1 walk
# against the reference walk of tests/mmu_ref) or rmi2 (fuzz_rmi2: RMI 2.0
# sequences, docs/rmi-2.0.md).
#
#   scripts/fuzz.sh libfuzzer [SECONDS] [HARNESS]   libFuzzer run (default 300 s)
#   scripts/fuzz.sh afl [SECONDS] [HARNESS]         AFL++ run (installs afl++ with apt-get if missing)
#   scripts/fuzz.sh reproduce [HARNESS] FILE...     replay inputs, print every call / step
#   scripts/fuzz.sh coverage [SECONDS] [HARNESS]    libFuzzer run, then llvm-cov report of rmm/src
#   scripts/fuzz.sh corpus                          regenerate both seed corpora
#   scripts/fuzz.sh ci                              ~50 s libFuzzer + ~50 s AFL++ (if installed) per
#                                                   harness; fails on any finding
#   scripts/fuzz.sh ci-plan                         print the ci steps (ENGINE HARNESS SECONDS), run nothing
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
HARNESS=rmi
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1:symbolize=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

die() { echo "fuzz.sh: $*" >&2; exit 2; }

# set_harness rmi|rsi: the target, its seeds and its work paths.
set_harness() {
  LFFLAGS=()
  case "$1" in
    rmi)
      HARNESS=rmi SEEDS=$ROOT/tests/fuzz/corpus
      WCORPUS=$WORK/corpus WART=$WORK/artifacts WAFL=$WORK/afl MAXLEN=4096
      # Entropic keeps every feature seen < threshold times as "rare" and scans
      # that list for each feature of each run (~10% of an input at 255, the
      # default); 16 lets it evict sooner: ~10% more runs per CPU second, the
      # same coverage in 60 s (docs/fuzzing.md, fourth pass).
      LFFLAGS=(-entropic_feature_frequency_threshold=16) ;;
    rsi)
      HARNESS=rsi SEEDS=$ROOT/tests/fuzz/corpus_rsi
      WCORPUS=$WORK/rsi-corpus WART=$WORK/rsi-artifacts WAFL=$WORK/afl-rsi MAXLEN=1024 ;;
    mmu)
      HARNESS=mmu SEEDS=$ROOT/tests/fuzz/corpus_mmu
      WCORPUS=$WORK/mmu-corpus WART=$WORK/mmu-artifacts WAFL=$WORK/afl-mmu MAXLEN=1024 ;;
    rmi2)
      HARNESS=rmi2 SEEDS=$ROOT/tests/fuzz/corpus_rmi2
      WCORPUS=$WORK/rmi2-corpus WART=$WORK/rmi2-artifacts WAFL=$WORK/afl-rmi2 MAXLEN=4096 ;;
    *) die "unknown harness '$1' (rmi, rsi, mmu or rmi2)" ;;
  esac
}
set_harness rmi

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
  configure_build "$BUILD/fuzz" "fuzz_$HARNESS fuzz_${HARNESS}_reproduce" -DCMAKE_C_COMPILER=clang
}

# libFuzzer on a work corpus seeded from the harness's seeds; prints exec/s and the deepest states.
run_libfuzzer() {
  local secs=$1
  build_libfuzzer
  mkdir -p "$WCORPUS" "$WART"
  local log=$WORK/libfuzzer-$HARNESS.log rc=0 jobs=()
  # -jobs N runs N forked workers logging to fuzz-<n>.log in the current directory.
  [ "${FUZZ_JOBS:-1}" -le 1 ] || jobs=(-jobs="$FUZZ_JOBS" -workers="$FUZZ_JOBS")
  echo "== libFuzzer fuzz_$HARNESS for ${secs}s (log: $log)"
  (cd "$WORK" && FUZZ_RMI_STATS=1 FUZZ_RSI_STATS=1 FUZZ_MMU_STATS=1 "$BUILD/fuzz/tests/fuzz/fuzz_$HARNESS" \
    "$WCORPUS" "$SEEDS" -max_total_time="$secs" -print_final_stats=1 -max_len="$MAXLEN" \
    -timeout=10 "${LFFLAGS[@]}" "${jobs[@]}" -artifact_prefix="$WART/") >"$log" 2>&1 || rc=$?
  grep -E "^#[0-9]+ +DONE|average_exec_per_sec|number_of_executed_units|fuzz_(rmi|rsi|mmu) (stats|deepest|exits|RSI|faults)" \
    "$log" || true
  if [ "$rc" -ne 0 ] || ls "$WART"/crash-* "$WART"/timeout-* "$WART"/oom-* >/dev/null 2>&1; then
    grep -A20 -E "FINDING|ERROR: (AddressSanitizer|libFuzzer)|runtime error" "$log" | head -40 >&2 || true
    echo "fuzz.sh: libFuzzer finding; artifacts in $WART/" >&2
    echo "         replay: scripts/fuzz.sh reproduce $HARNESS $WART/crash-..." >&2
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
  configure_build "$BUILD/fuzz-afl" "fuzz_$HARNESS" -DCMAKE_C_COMPILER=afl-clang-fast
  local out=$WAFL rc=0
  rm -rf "$out"
  mkdir -p "$out"
  echo "== AFL++ fuzz_$HARNESS for ${secs}s (output: $out)"
  AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_UI=1 \
    AFL_NO_AFFINITY=1 AFL_SKIP_CRASHES=1 AFL_NO_WARN_INSTABILITY=1 \
    ASAN_OPTIONS="abort_on_error=1:detect_leaks=0:symbolize=0" \
    afl-fuzz -i "$SEEDS" -o "$out" -V "$secs" -m none -t 2000 \
    -- "$BUILD/fuzz-afl/tests/fuzz/fuzz_$HARNESS" >"$WORK/afl-$HARNESS.log" 2>&1 || rc=$?
  [ -f "$out/default/fuzzer_stats" ] ||
    { tail -30 "$WORK/afl-$HARNESS.log" >&2; die "afl-fuzz did not start (rc $rc)"; }
  grep -E "^(execs_done|execs_per_sec|corpus_count|saved_crashes|unique_crashes|saved_hangs)" \
    "$out/default/fuzzer_stats" || true
  if ls "$out"/default/crashes/id:* >/dev/null 2>&1; then
    echo "fuzz.sh: AFL++ finding(s) in $out/default/crashes/" >&2
    echo "         replay: scripts/fuzz.sh reproduce $HARNESS $out/default/crashes/id:..." >&2
    return 1
  fi
}

run_reproduce() {
  case "${1:-}" in rmi | rsi | mmu | rmi2) set_harness "$1"; shift ;; esac
  [ $# -ge 1 ] || die "usage: scripts/fuzz.sh reproduce [rmi|rsi|mmu|rmi2] FILE|DIR..."
  build_libfuzzer
  "$BUILD/fuzz/tests/fuzz/fuzz_${HARNESS}_reproduce" "$@"
}

# Line/branch coverage of rmm/src after a libFuzzer run: the work corpus and
# the seeds replayed by a -fprofile-instr-generate build of the reproducer.
run_coverage() {
  local secs=$1 rc=0
  run_libfuzzer "$secs" || rc=$?
  configure_build "$BUILD/fuzz-cov" "fuzz_${HARNESS}_reproduce" -DCMAKE_C_COMPILER=clang \
    -DRMMSIM_COVERAGE=ON -DRMMSIM_FUZZ_SANITIZE=OFF
  local prof=$WORK/cov-$HARNESS
  rm -rf "$prof"
  mkdir -p "$prof"
  echo "== coverage: replaying $(find "$WCORPUS" "$SEEDS" -type f | wc -l) inputs"
  LLVM_PROFILE_FILE="$prof/rmm-%p.profraw" \
    "$BUILD/fuzz-cov/tests/fuzz/fuzz_${HARNESS}_reproduce" -q "$WCORPUS" "$SEEDS" || rc=1
  local profdata=llvm-profdata llvmcov=llvm-cov
  command -v llvm-profdata >/dev/null || profdata=$(ls /usr/bin/llvm-profdata-* | tail -1)
  command -v llvm-cov >/dev/null || llvmcov=$(ls /usr/bin/llvm-cov-* | tail -1)
  "$profdata" merge -sparse "$prof"/*.profraw -o "$prof/rmm.profdata"
  "$llvmcov" report "$BUILD/fuzz-cov/tests/fuzz/fuzz_${HARNESS}_reproduce" \
    -instr-profile="$prof/rmm.profdata" "$ROOT/rmm/src" | tee "$WORK/coverage-$HARNESS.txt"
  echo "== coverage report: $WORK/coverage-$HARNESS.txt"
  return $rc
}

# The ci steps, one "ENGINE HARNESS SECONDS" line each (ENGINE: seeds, libfuzzer, afl).
# fuzz_rmi and fuzz_rsi ~50 s per engine; fuzz_mmu 30 s libFuzzer; fuzz_rmi2
# its seeds replayed, then 25 s libFuzzer and 15 s AFL++ (under a
# minute more than before it was added, docs/rmi-2.0.md).
ci_plan() {
  local have_afl=$1 h
  for h in rmi rsi; do
    echo "libfuzzer $h ${FUZZ_CI_SECONDS:-50}"
    [ "$have_afl" -eq 0 ] || echo "afl $h ${FUZZ_CI_SECONDS:-50}"
  done
  echo "libfuzzer mmu ${FUZZ_CI_MMU_SECONDS:-30}"
  echo "seeds rmi2 0"
  echo "libfuzzer rmi2 ${FUZZ_CI_RMI2_SECONDS:-25}"
  [ "$have_afl" -eq 0 ] || echo "afl rmi2 ${FUZZ_CI_RMI2_AFL_SECONDS:-15}"
}

cmd=${1:-}
[ -n "$cmd" ] || die "usage: scripts/fuzz.sh libfuzzer|afl|reproduce|coverage|corpus|ci|ci-plan [ARG]"
shift
case "$cmd" in
  libfuzzer | afl | coverage) set_harness "${2:-rmi}" ;;
esac
case "$cmd" in
  libfuzzer) run_libfuzzer "${1:-300}" || exit 1 ;;
  afl) ensure_afl install; run_afl "${1:-300}" || exit 1 ;;
  reproduce) run_reproduce "$@" ;;
  coverage) run_coverage "${1:-600}" || exit 1 ;;
  corpus)
    python3 "$ROOT/tests/fuzz/gen_corpus.py" "$ROOT/tests/fuzz/corpus"
    python3 "$ROOT/tests/fuzz/gen_corpus_rsi.py" "$ROOT/tests/fuzz/corpus_rsi"
    python3 "$ROOT/tests/fuzz/gen_corpus_rmi2.py" "$ROOT/tests/fuzz/corpus_rmi2"
    ;;
  ci-plan)
    have_afl=0
    ensure_afl noinstall && have_afl=1
    ci_plan "$have_afl"
    ;;
  ci)
    status=0
    have_afl=0
    ensure_afl noinstall && have_afl=1
    # The plan is read first: the fuzzers must not inherit it on stdin.
    mapfile -t steps < <(ci_plan "$have_afl")
    for step in "${steps[@]}"; do
      read -r engine h secs <<<"$step"
      set_harness "$h"
      case "$engine" in
        seeds)
          # Every seed replayed once by the libFuzzer build's reproducer (sanitizers on).
          build_libfuzzer
          echo "== fuzz_${h}_reproduce over $SEEDS"
          "$BUILD/fuzz/tests/fuzz/fuzz_${h}_reproduce" -q "$SEEDS" || status=1
          ;;
        libfuzzer) run_libfuzzer "$secs" || status=1 ;;
        afl) run_afl "$secs" || status=1 ;;
      esac
    done
    [ "$have_afl" -eq 1 ] || echo "== AFL++ not installed: skipped (scripts/fuzz.sh afl installs it)"
    exit $status
    ;;
  *) die "unknown command '$cmd'" ;;
esac
