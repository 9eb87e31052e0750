#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# check_seq.sh RMMSIM RC PATTERN FILE: `RMMSIM native --seq FILE` exits with
# RC and prints a line matching the grep pattern PATTERN (docs/sequences.md).
rmmsim=$1 rc=$2 pattern=$3 file=$4
out=$("$rmmsim" native --seq "$file" 2>&1)
got=$?
printf '%s\n' "$out"
if [ "$got" -ne "$rc" ]; then
  echo "check_seq: exit code $got, expected $rc" >&2
  exit 1
fi
if ! printf '%s\n' "$out" | grep -q -- "$pattern"; then
  echo "check_seq: no line matches '$pattern'" >&2
  exit 1
fi
