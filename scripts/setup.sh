#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Installs the Debian packages rmmsim needs, and only the missing ones.
# Safe to run any number of times; does nothing when all are present.
set -euo pipefail

pkgs=(
  build-essential cmake ninja-build pkg-config python3
  libunicorn-dev        # the AArch64 CPU emulator (host at NS-EL2, realms at R-EL1)
  libssl-dev            # libcrypto (pkg-config libcrypto): the RMM's SHA-2 at the CPU's speed
  libmbedtls-dev        # ECDSA P-384 for tokens; fallback SHA-2 backend
  libcmocka-dev         # unit tests
  libfdt-dev device-tree-compiler  # platform description
  libcbor-dev           # attestation token encoding
  gcc-aarch64-linux-gnu # host and realm payloads
  clang llvm libclang-rt-dev # fuzzing build (libFuzzer) and coverage
  afl++                 # the second fuzzer of scripts/fuzz.sh
  python3-cbor2 python3-cryptography # independent token verifier in tests
)

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "setup: installing ${missing[*]}" >&2
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
