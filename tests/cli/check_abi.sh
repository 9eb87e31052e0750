#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# librmmsim.so exports exactly the functions rmmsim.h marks RMMSIM_API, and
# its SONAME is librmmsim.so.MAJOR. Usage: check_abi.sh LIB HEADER MAJOR
set -eu
lib=$1 hdr=$2 major=$3
want=$(sed -n 's/^RMMSIM_API .*[ *]\(rmmsim_[a-z0-9_]*\)(.*/\1/p' "$hdr" | sort)
got=$(nm -D --defined-only "$lib" | awk '$2 ~ /^[TDBR]$/ {print $3}' | sort)
if [ "$want" != "$got" ]; then
  echo "exported symbols differ from RMMSIM_API declarations (< header, > library):"
  printf '%s\n' "$want" > /tmp/abi_want.$$; printf '%s\n' "$got" > /tmp/abi_got.$$
  diff /tmp/abi_want.$$ /tmp/abi_got.$$ || true
  rm -f /tmp/abi_want.$$ /tmp/abi_got.$$
  exit 1
fi
soname=$(readelf -d "$lib" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
[ "$soname" = "librmmsim.so.$major" ] || { echo "SONAME '$soname', expected librmmsim.so.$major"; exit 1; }
echo "$(printf '%s\n' "$want" | wc -l) symbols exported, SONAME $soname"
