#!/bin/bash -eu
# SPDX-License-Identifier: BSD-3-Clause
# OSS-Fuzz build script (projects/rmmsim/build.sh in google/oss-fuzz): the
# ClusterFuzzLite build of fuzz_rmi, then fuzz_rsi (the realm-side harness,
# docs/fuzzing.md) in the same build tree.
"$SRC/rmmsim/.clusterfuzzlite/build.sh"
cd "$SRC/rmmsim"
cmake --build build-oss-fuzz --target fuzz_rsi
cp build-oss-fuzz/tests/fuzz/fuzz_rsi "$OUT/"
# fuzz_rsi also needs the realm CPU (Unicorn) and libfdt at run time.
mkdir -p "$OUT/lib"
for lib in $(ldd "$OUT/fuzz_rsi" | awk '/libmbed|libcbor|libunicorn|libfdt/ { print $3 }'); do
  cp "$lib" "$OUT/lib/"
done
(cd tests/fuzz/corpus_rsi && zip -q -r "$OUT/fuzz_rsi_seed_corpus.zip" .)
