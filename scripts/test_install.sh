#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Installs rmmsim from a build tree into a fresh temporary prefix, then
# builds and runs examples/ against that prefix alone, through
# find_package(rmmsim), through pkg-config, and (payloads only) with the
# SDK's aarch64 toolchain file (docs/sdk.md). Also
# checks the installed tools answer --help and the .deb holds the same tree. Usage:
#   scripts/test_install.sh [BUILD_DIR]     (default build/release, built if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build/release}
jobs=$(nproc)
if [ ! -f "$build/CMakeCache.txt" ]; then
  cmake --preset release >/dev/null
  build=build/release
fi
cmake --build "$build" -j "$jobs" >/dev/null
work=$(mktemp -d "${TMPDIR:-/tmp}/rmmsim-install.XXXXXX")
trap 'rm -rf "$work"' EXIT
prefix=$work/prefix
echo "== install $build into $prefix"
cmake --install "$build" --prefix "$prefix" >/dev/null
for f in bin/rmmsim bin/rmmsim-verify-token bin/rmmsim-rim include/rmmsim/rmmsim.h \
         lib/pkgconfig/rmmsim.pc lib/cmake/rmmsim/rmmsimConfig.cmake share/man/man1/rmmsim.1 \
         share/rmmsim/sdk/aarch64-toolchain.cmake share/rmmsim/sdk/include/den0137_abi.h; do
  [ -e "$prefix/$f" ] || { echo "missing in the prefix: $f"; exit 1; }
done
ls "$prefix"/lib/librmmsim.so.* "$prefix"/lib/librmmsim.a >/dev/null
"$prefix/bin/rmmsim" --help >/dev/null
"$prefix/bin/rmmsim-rim" --help >/dev/null
"$prefix/bin/rmmsim-verify-token" --help >/dev/null
# Nothing of the source or build tree may be found: the example sees the prefix only.
# The third way: payloads only, with the SDK's cross toolchain file.
for how in find_package pkg-config toolchain; do
  b=$work/example-$how
  opt=()
  [ "$how" = pkg-config ] && opt=(-DRMMSIM_USE_PKGCONFIG=ON)
  [ "$how" = toolchain ] && opt=(-DCMAKE_TOOLCHAIN_FILE="$prefix/share/rmmsim/sdk/aarch64-toolchain.cmake")
  echo "== examples/ through $how"
  cmake -S examples -B "$b" -DCMAKE_PREFIX_PATH="$prefix" "${opt[@]}" >/dev/null
  cmake --build "$b" -j "$jobs" >/dev/null
  ctest --test-dir "$b" --output-on-failure
done
# The Debian package holds the same tree (cpack -G DEB).
if command -v cpack >/dev/null && command -v dpkg-deb >/dev/null; then
  echo "== cpack -G DEB"
  (cd "$build" && cpack -G DEB -B "$work/deb" >/dev/null)
  deb=$(ls "$work"/deb/rmmsim_*.deb)
  contents=$(dpkg-deb -c "$deb")
  for f in usr/bin/rmmsim usr/bin/rmmsim-rim usr/lib/librmmsim.so.0 usr/lib/librmmsim.a \
           usr/include/rmmsim/rmmsim.h usr/share/rmmsim/sdk/host/start.S usr/share/man/man1/rmmsim.1; do
    grep -q " \./$f" <<<"$contents" || { echo "missing in $deb: $f"; exit 1; }
  done
  echo "$(basename "$deb"): $(grep -c '^-' <<<"$contents") files"
fi
echo "== install test passed"
