#!/usr/bin/env bash
# SPDX-License-Identifier: BSD-3-Clause
# Set up a fresh machine, build the release preset and run rmmsim
# (with no arguments: the built-in default scenario on the default platform).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
cmake --preset release >/dev/null
cmake --build --preset release >/dev/null
exec build/release/sim/src/cli/rmmsim "$@"
