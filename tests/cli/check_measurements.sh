#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# The default scenario prints the realm's RIM and extended REM0 twice: from
# inside the realm (RSI_MEASUREMENT_READ) and from the verified token's
# claims. Both must print the same bytes the same way (hex, memory order).
# Usage: check_measurements.sh RMMSIM
set -eu
out=$("$1")
realm_rim=$(printf '%s\n' "$out" | sed -n 's/.*\[realm\] RIM *: *\([0-9a-f]*\)$/\1/p')
realm_rem=$(printf '%s\n' "$out" | sed -n "s/.*\[realm\] REM0' *: *\([0-9a-f]*\)\$/\1/p")
tok_rim=$(printf '%s\n' "$out" | sed -n 's/^realm rim (44238): *\([0-9a-f]*\)$/\1/p')
tok_rem=$(printf '%s\n' "$out" | sed -n 's/^realm rem\[0\] (44239): *\([0-9a-f]*\)$/\1/p')
echo "realm RIM   $realm_rim"; echo "token RIM   $tok_rim"
echo "realm REM0' $realm_rem"; echo "token REM0  $tok_rem"
[ -n "$realm_rim" ] && [ "$realm_rim" = "$tok_rim" ] && [ -n "$realm_rem" ] && [ "$realm_rem" = "$tok_rem" ]
