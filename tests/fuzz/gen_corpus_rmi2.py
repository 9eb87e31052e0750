#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Writes the fuzz_rmi2 seeds (tests/fuzz/corpus_rmi2): byte strings in the
harness's input format (fz2_exec.c), each a realistic 2.0 sequence the
fuzzer can mutate: boot, realm, REC through SRO, map/unmap, teardown, and
SROs left sealed or interleaved."""
import os
import sys

OP = dict(delegate=0, undelegate=1, realm_create=2, activate=3, terminate=4, destroy=5,
          rec_create=6, rec_destroy=7, donate=8, reclaim=9, cont=10, cancel=11,
          rtt_create=12, rtt_destroy=13, map_init=14, data_map=15, data_unmap=16,
          unprot_map=17, unprot_unmap=18, init_ripas=19, rec_enter=20, psci=21, fold=22,
          gpt=23, tracking=24, version=25)


def delegate(first, n):
    return [OP["delegate"], first, n - 1]


def realm(rd=0, rtt=1):
    return [OP["realm_create"], rd, rtt, 0]


def rec_sro(rec, aux_first, mpidr=0):
    # REC_CREATE(rds[0], pool[rec], ns params: runnable, mpidr), donate 16, continue.
    s = [OP["rec_create"], 0, rec, 1, mpidr, 0]
    s += [OP["donate"], 0, 15] + sum(([0, aux_first + i] for i in range(16)), []) + [0]
    s += [OP["cont"], 0, 0]
    return s


def tables(ipa_sel):
    # RTT_CREATE levels 1..3 for the IPA selector, RTTs from pool 40..42.
    return sum(([OP["rtt_create"], 0, 40 + l - 1, ipa_sel, l] for l in (1, 2, 3)), [])


def seeds():
    boot = delegate(0, 8) + delegate(8, 8) + delegate(16, 8) + delegate(24, 8) + delegate(40, 8)
    life = [0] + boot + realm() + rec_sro(2, 8)
    life += tables(0)
    life += [OP["map_init"], 0, 30, 1, 1]                   # DATA_MAP_INIT at IPA 0x1000
    life += [OP["data_map"], 0, 2, 1, 0, 31, 0, 1]          # DATA_MAP one page at 0x2000
    life += [OP["init_ripas"], 0, 0, 15]
    life += [OP["activate"], 0, OP["rec_enter"], 0, 0]
    life += [OP["data_unmap"], 0, 0, 7, 0]
    life += [OP["rec_destroy"], 0, OP["reclaim"], 0, 19, OP["cont"], 0, 0]
    life += [OP["terminate"], 0]
    life += sum(([OP["rtt_destroy"], 0, 0, l] for l in (3, 2, 1)), [])
    life += [OP["destroy"], 0]
    yield "lifecycle", life
    # Two REC SROs in flight, the first left sealed while other calls run.
    inter = [0] + boot + realm()
    inter += [OP["rec_create"], 0, 2, 1, 0, 0]
    inter += [OP["rec_create"], 0, 3, 1, 1, 0]
    inter += [OP["cancel"], 0, OP["cont"], 0, 0, OP["reclaim"], 0, 4]
    inter += [OP["donate"], 1, 3] + sum(([0, 8 + i] for i in range(4)), []) + [0]
    inter += tables(1) + [OP["rec_destroy"], 0]
    yield "sro_interleaved", inter
    # Forced 2.0 without activation, then the boot commands.
    yield "forced_unactivated", [1 | 4, OP["version"], 1, 27, 1, 27, 2] + delegate(0, 4)
    # 1.0 first, then 2.0; GPT and tracking.
    yield "one_zero_first", [2] + [OP["gpt"], 0, 3, 0, OP["gpt"], 0, 3, 2, OP["tracking"], 0, 1]


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__),
                                                               "corpus_rmi2")
    os.makedirs(out, exist_ok=True)
    for name, b in seeds():
        with open(os.path.join(out, name + ".bin"), "wb") as f:
            f.write(bytes(x & 0xFF for x in b))


if __name__ == "__main__":
    main()
