#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# One command line per documented exit code of rmmsim (docs/exit-codes.md,
# sim/src/cli/exit_codes.def) and per refusal of `run --load`: each must
# exit with its code and print its message. Usage:
#   exit_cases.sh RMMSIM PAYLOAD_DIR SEQ_DIR WORK_DIR
set -u
R=$1 P=$2 S=$3 W=$4
mkdir -p "$W"
printf 'RMMSIMLD' > "$W/magic.bin"
fails=0 n=0
# case CODE GREP-PATTERN(stdout+stderr, '' = any) ARGS...
case_() {
  want=$1 pat=$2
  shift 2
  n=$((n + 1))
  "$R" "$@" >"$W/out" 2>&1
  got=$?
  if [ "$got" -ne "$want" ]; then
    echo "FAIL: rmmsim $* -> exit $got, expected $want"; sed 's/^/  | /' "$W/out" | tail -5
    fails=$((fails + 1))
  elif [ -n "$pat" ] && ! grep -Eq "$pat" "$W/out"; then
    echo "FAIL: rmmsim $* -> exit $got but no /$pat/ in:"; sed 's/^/  | /' "$W/out" | tail -5
    fails=$((fails + 1))
  else
    echo "ok   $want  rmmsim $*"
  fi
}
# 0 success
case_ 0 'demo: 0 step' run builtin:demo
case_ 0 'load_check: second image found' run --load "$P/load_check.elf" --load "$W/magic.bin@0x88000000"
# PAYLOAD plus --load, the RMI log to a file and prefixed when it shares stdout
case_ 0 '^\[rmi\] SMC_RMI_VERSION' run --rmi-log builtin:demo
case_ 0 '' run --rmi-log="$W/rmi.log" builtin:demo
grep -q '^SMC_RMI_VERSION' "$W/rmi.log" || { echo "FAIL: --rmi-log=FILE has no plain SMC_RMI_VERSION line"; fails=$((fails + 1)); }
# 1 internal error: a report that cannot be written at the end after all
case_ 1 'cannot write' conform --filter RMI_VERSION --quiet --json /dev/full
# 2 usage
case_ 2 'unrecognized|usage' run --no-such-option builtin:demo
case_ 2 'bad load address' run --load "$P/spin.elf@nonsense"
case_ 2 'expected one PAYLOAD' run
# 3 bad input or output file, bad image layout (each message names the file)
case_ 3 '/nonexistent: cannot open' run /nonexistent
case_ 3 "x.json': No such file" conform --json /nonexistent/dir/x.json
case_ 3 "/nonexistent/t.json'" run --trace /nonexistent/t.json builtin:demo
case_ 3 "/nonexistent/r.log'" run --rmi-log=/nonexistent/r.log builtin:demo
case_ 3 "/nonexistent/tok'" run --token-out /nonexistent/tok builtin:demo
case_ 3 "/nonexistent/s.seq'" native --seq "$S/undefined_outputs.seq" --seq-out /nonexistent/s.seq
case_ 3 'images overlap: .*spin.elf .* and .*demo.elf' run --load "$P/spin.elf" --load "$P/demo.elf"
case_ 3 'magic.bin: load address 0x88000010 is not' run --load "$P/spin.elf" --load "$W/magic.bin@0x88000010"
case_ 3 'spin.bin: load address 0x80000004' run --load-addr 0x80000004 "$P/spin.bin"
case_ 3 'entry point 0x90000000 \(--entry\) is outside' run --entry 0x90000000 "$P/spin.elf"
case_ 3 'entry point 0x80000002 \(--entry\) is not 4-byte' run --entry 0x80000002 "$P/spin.elf"
case_ 3 'magic.bin: flat image .* is outside DRAM' run --load "$P/spin.elf" --load "$W/magic.bin@0x10000000"
case_ 3 'magic.bin: .* overlaps the DTB window' run --load "$P/spin.elf" --load "$W/magic.bin@0xfff00000"
case_ 3 'magic.bin: not an ELF' run --load "$W/magic.bin"
# DRAM bank 0 under 4 MiB leaves no room for the DTB window (docs/emulation.md)
sed 's/reg = <0x0 0x80000000 0x0 0x80000000>;/reg = <0x0 0x80000000 0x0 0x00200000>;/' \
  "$(dirname "$0")/../../sim/dts/fvp-base-revc.dts" > "$W/small.dts"
case_ 3 'small.dts: platform: .*at least 4 MiB' run --platform "$W/small.dts" "$P/spin.elf"
# 4 conformance failure: only the suite's self-test plants a failing case (conform_selftest)
# 5 unhandled fault
case_ 5 '' run "$P/no_vbar.elf"
# 6 timeout
case_ 6 'max-insns reached' run --max-insns 5000 "$P/spin.elf"
# 7 the payload reported failure
case_ 7 'X1 = 3' run "$P/power_fail.elf"
# 8 SYSTEM_RESET
case_ 8 'SYSTEM_RESET' run "$P/power_reset.elf"
# 9 sequence mismatch
case_ 9 'expected 1000000000' native --seq "$S/selftest_mismatch.seq"
# 10 deadlock
case_ 10 '' run "$P/wfi_forever.elf"
echo "$n cases, $fails failed"
[ "$fails" -eq 0 ]
