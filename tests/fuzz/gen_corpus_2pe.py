#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Writes the two-PE seeds of fuzz_rmi (tests/fuzz/corpus_2pe/*.bin) from the
one-PE seeds: byte 0 = the schedule (bit k mod 8 picks the PE of step k),
then PE 0's call stream and PE 1's, padded to the same length with
RMI_VERSION opcodes (fz_exec.c fz_run_two_pes; run with FUZZ_RMI_PES=2).

    tests/fuzz/gen_corpus_2pe.py [OUTDIR]      (default: tests/fuzz/corpus_2pe)
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
# (name, schedule, PE 0's seed, PE 1's seed)
PAIRS = [
    ("lifecycle_vs_lifecycle_alternate", 0x55, "lifecycle_full", "lifecycle_no_data"),
    ("lifecycle_vs_rec_destroy_blocks", 0x0F, "lifecycle_full", "rec_destroy_then_realm"),
    ("two_realms_vs_delegate_edges", 0x33, "two_realms", "delegate_edges"),
    ("rtts_vs_teardown", 0x69, "rtt_build_down", "lifecycle_no_data"),
]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "corpus_2pe")
    os.makedirs(out, exist_ok=True)
    for name, sched, a, b in PAIRS:
        sa = open(os.path.join(HERE, "corpus", a + ".bin"), "rb").read()
        sb = open(os.path.join(HERE, "corpus", b + ".bin"), "rb").read()
        n = max(len(sa), len(sb))
        # Opcode 0 with no more bytes is RMI_VERSION: harmless padding.
        sa += bytes(n - len(sa))
        sb += bytes(n - len(sb))
        with open(os.path.join(out, name + ".bin"), "wb") as f:
            f.write(bytes([sched]) + sa + sb)


if __name__ == "__main__":
    main()
