#!/bin/bash -eu
# SPDX-License-Identifier: BSD-3-Clause
# Builds fuzz_rmi for ClusterFuzzLite / OSS-Fuzz (docs/fuzzing.md). The
# environment supplies $CC, $CFLAGS (sanitizer, -fsanitize=fuzzer-no-link),
# $LIB_FUZZING_ENGINE and $OUT; the harness adds no sanitizer of its own.
cd "$SRC/rmmsim"
cmake -S . -B build-oss-fuzz -G Ninja -DCMAKE_BUILD_TYPE=Debug \
  -DCMAKE_C_COMPILER="$CC" -DCMAKE_C_FLAGS="$CFLAGS" \
  -DCMAKE_EXE_LINKER_FLAGS="-Wl,-rpath,\$ORIGIN/lib" \
  -DRMMSIM_FUZZ=ON -DRMMSIM_TESTS=OFF -DRMMSIM_WERROR=OFF \
  -DRMMSIM_FUZZ_SANITIZE=OFF -DRMMSIM_FUZZ_ENGINE="$LIB_FUZZING_ENGINE"
cmake --build build-oss-fuzz --target fuzz_rmi
cp build-oss-fuzz/tests/fuzz/fuzz_rmi "$OUT/"
# The runner image lacks the -dev packages' shared libraries: ship them.
mkdir -p "$OUT/lib"
for lib in $(ldd "$OUT/fuzz_rmi" | awk '/libmbed|libcbor/ { print $3 }'); do
  cp "$lib" "$OUT/lib/"
done
(cd tests/fuzz/corpus && zip -q -r "$OUT/fuzz_rmi_seed_corpus.zip" .)
