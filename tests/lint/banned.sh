#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Fails when project C sources call a banned function (unbounded copies,
# unchecked conversions) or a file lacks its SPDX line.
set -u
top=${1:-$(dirname "$0")/../..}
cd "$top" || exit 2
status=0
# Tracked and new (not ignored) files that exist in the work tree.
list() { git ls-files --cached --others --exclude-standard "$@" 2>/dev/null | while read -r f; do [ -f "$f" ] && echo "$f"; done; }
files=$(list '*.c' '*.h')
banned='\b(strcpy|strcat|sprintf|vsprintf|gets|atoi|atol|atoll|strtok|tmpnam|alloca)[[:space:]]*\('
hits=$(grep -nE "$banned" $files | grep -v 'banned-ok' || true)
if [ -n "$hits" ]; then
  echo "banned functions used:"; echo "$hits"; status=1
fi
for f in $files $(list 'CMakeLists.txt' '*/CMakeLists.txt' '*.sh' '*.py' '*.S' '*.ld' '*.dts'); do
  head -3 "$f" | grep -q 'SPDX-License-Identifier: BSD-3-Clause' || { echo "missing SPDX line: $f"; status=1; }
done
[ $status -eq 0 ] && echo "lint: 1 passed, 0 failed"
exit $status
