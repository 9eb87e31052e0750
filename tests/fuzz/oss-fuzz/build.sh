#!/bin/bash -eu
# SPDX-License-Identifier: BSD-3-Clause
# OSS-Fuzz build script (projects/rmmsim/build.sh in google/oss-fuzz): the
# same build as ClusterFuzzLite's, kept in the rmmsim tree.
exec "$SRC/rmmsim/.clusterfuzzlite/build.sh"
