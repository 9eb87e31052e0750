#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Writes the seed corpus of fuzz_rsi (tests/fuzz/corpus_rsi, docs/fuzzing.md).

The encoding follows the decoder in fr_exec.c: one opcode byte per step,
then the bytes that step reads. Keep the helpers in sync with it.
"""
import os
import struct
import sys

# RSI FIDs as offsets from 0xC4000190.
VERSION, FEATURES, MEAS_READ, MEAS_EXTEND, TOKEN_INIT, TOKEN_CONT, REALM_CONFIG, \
    STATE_SET, STATE_GET, HOST_CALL = range(10)
# pick_ipa kinds.
IPA_POP, IPA_UNPOP, IPA_EMPTY, IPA_DESTROYED, IPA_UNPROT_MAPPED, IPA_UNPROT_UNMAPPED, \
    IPA_BEYOND, IPA_UNALIGNED, IPA_AGENT, IPA_PAR_EDGE, IPA_LOW, IPA_RAM_END = range(12)


def u64(v):
    return struct.pack("<Q", v & (2**64 - 1))


def arg_default():
    return bytes([0])


def arg_ipa(kind, k=0):
    return bytes([4 | (kind << 3), k])


def arg_small(v):
    return bytes([5, v])


def arg_raw(v):
    return bytes([6]) + u64(v)


def arg_edge(i):
    return bytes([7 | (i << 3)])


def rsi(idx, *args):
    """RSI call; missing arguments take the default (valid) value."""
    a = list(args) + [arg_default()] * (10 - len(args))
    return bytes([0, idx]) + b"".join(a)


def psci(fid_index, k=0):
    """PSCI: 0 CPU_ON_64, 2 AFFINITY_INFO_64, 4 VERSION, 6 SMCCC_VERSION, 8 CPU_OFF, 9 SYSTEM_OFF."""
    return bytes([2, fid_index, k])


def raw_fid(fid):
    return bytes([3]) + u64(fid) + bytes(10)


def load(kind, k=0):
    return bytes([4, kind, k])


def store(kind, k=0, value=None):
    if value is None:
        return bytes([5, kind, k])
    return bytes([5 | 0x40, kind, k]) + u64(value)


def fetch(kind, k=0):
    return bytes([6, kind, k])


def react(v, *extra):
    return bytes([7, v]) + b"".join(extra)


def populate(kind, k=0):
    return bytes([8, kind, k])


def destroy(k=0):
    return bytes([9, k])


def host_ns(k):
    return bytes([10, k])


def host_rmi(v, *extra):
    return bytes([11, v]) + b"".join(extra)


def switch():
    return bytes([12])


SEEDS = {
    "basic": rsi(VERSION) + rsi(FEATURES) + rsi(MEAS_READ) + rsi(VERSION, arg_small(1))
    + rsi(MEAS_READ, arg_small(5)) + raw_fid(0xC4000150) + raw_fid(0xC2001234),
    "host_call": rsi(HOST_CALL) + react(5, u64(0x100)) + rsi(HOST_CALL, arg_ipa(IPA_UNPOP, 2))
    + react(0) + react(30, u64(0x200)) + rsi(HOST_CALL, arg_ipa(IPA_EMPTY))
    + rsi(HOST_CALL, arg_ipa(IPA_UNALIGNED, 0x81)),
    "ripas_change": rsi(STATE_SET) + react(0) + rsi(STATE_GET, arg_ipa(IPA_POP))
    + rsi(STATE_SET, arg_default(), arg_default(), arg_small(1)) + react(1)
    + rsi(STATE_SET, arg_ipa(IPA_UNPOP, 0), arg_default(), arg_small(1)) + react(2)
    + rsi(STATE_SET, arg_ipa(IPA_EMPTY, 0), arg_default(), arg_small(1)) + react(0)
    + rsi(STATE_GET) + load(IPA_POP) + load(IPA_EMPTY),
    "ripas_destroyed": populate(IPA_UNPOP, 3) + destroy(1) + rsi(STATE_GET, arg_ipa(IPA_DESTROYED))
    + rsi(STATE_SET, arg_ipa(IPA_DESTROYED), arg_default(), arg_small(1), arg_small(1)) + react(0)
    + rsi(STATE_GET, arg_ipa(IPA_DESTROYED)) + load(IPA_DESTROYED) + react(0) + destroy(1)
    + load(IPA_DESTROYED) + react(1) + react(0) + react(3),
    "attest": rsi(TOKEN_CONT) + rsi(TOKEN_INIT) + rsi(TOKEN_CONT) + rsi(TOKEN_CONT)
    + rsi(TOKEN_CONT) + rsi(TOKEN_CONT) + rsi(TOKEN_CONT) + rsi(TOKEN_CONT, arg_ipa(IPA_UNPOP))
    + react(0) + rsi(TOKEN_CONT, arg_ipa(IPA_UNPOP)) + rsi(REALM_CONFIG)
    + rsi(REALM_CONFIG, arg_ipa(IPA_UNPOP, 5)) + react(0),
    "measure": rsi(MEAS_EXTEND) + rsi(MEAS_READ, arg_small(1))
    + rsi(MEAS_EXTEND, arg_small(4), arg_small(64)) + rsi(MEAS_READ, arg_small(4))
    + rsi(MEAS_EXTEND, arg_small(0)) + rsi(MEAS_EXTEND, arg_small(2), arg_small(65))
    + rsi(MEAS_EXTEND, arg_small(3), arg_small(0)) + rsi(MEAS_READ, arg_small(3)),
    "psci_cpu_on": psci(0, 0) + react(0) + switch() + rsi(VERSION) + psci(2, 0) + react(0)
    + switch() + psci(4) + psci(6) + psci(5, 0) + psci(0, 1) + psci(0, 2) + react(8),
    "psci_denied": psci(0, 0) + react(1) + psci(0, 0) + react(5) + host_rmi(2) + react(0)
    + switch() + psci(8) + react(0) + switch() + psci(9) + react(0),
    "mmio": load(IPA_UNPROT_UNMAPPED, 0) + react(0, u64(0xFEED)) + store(IPA_UNPROT_UNMAPPED, 1)
    + react(0, u64(0)) + load(IPA_UNPROT_UNMAPPED, 2) + react(1, u64(0))
    + load(IPA_UNPROT_UNMAPPED, 3) + react(2, u64(0)) + fetch(IPA_UNPROT_MAPPED, 1),
    "aborts": store(IPA_UNPOP, 4, 0xD65F03C0D503201F) + react(1) + react(2) + react(0)
    + fetch(IPA_UNPOP, 4) + react(0) + fetch(IPA_UNPOP, 5) + react(0) + load(IPA_EMPTY, 1)
    + load(IPA_BEYOND, 0) + bytes([0x80 | 4, 0]) + bytes([IPA_POP, 0]),
    "ns_map": host_ns(0) + load(IPA_UNPROT_MAPPED, 0) + host_ns(1) + load(IPA_UNPROT_MAPPED, 0)
    + host_ns(2) + host_ns(0) + host_ns(0),
    "host_rmi": host_rmi(0, bytes([IPA_POP, 0, IPA_UNPOP, 0])) + host_rmi(1, bytes([IPA_UNPOP, 0,
                                                                                  IPA_RAM_END, 0]))
    + host_rmi(3, bytes([IPA_UNPOP, 0])) + host_rmi(4) + host_rmi(5, bytes([0]))
    + host_rmi(0x25, bytes([4])),
    "wfx_trap": store(IPA_POP, 0, 0xD503205FD503207F) + store(IPA_POP | 0, 0, 0)
    + bytes([0x80 | 6, 0, IPA_POP, 0]) + react(2) + react(0) + react(0),
    # Reset exactness (docs/fuzzing.md "fuzz_rsi persistence"): a raw REC_ENTER reruns the
    # mailbox's command (the snapshot's: SMC 0; emul_mmio completes the doorbell store), so
    # only the realm writes the mailbox page.
    "raw_enter_mailbox": host_rmi(0x23, bytes([6])) + host_rmi(0x23, bytes([6])),
    # ... and a system register the REC does not keep (MDSCR_EL1): the code reads it into
    # the mailbox (left there: the last command) and adds 0x40 (MRS x10, MDSCR_EL1;
    # STR x10, [x20, #128]; ADD x10, x10, #0x40; MSR MDSCR_EL1, x10; RET), so every run
    # reads 0 only if the realm engine's CPU state is reset between inputs.
    "sysreg_persist": rsi(VERSION) + store(IPA_POP, 0, 0xF900428AD530024A)
    + store(IPA_UNALIGNED, 0x88, 0xD510024A9101014A)
    + store(IPA_UNALIGNED, 0x90, 0xD503201FD65F03C0) + fetch(IPA_POP, 0),
}


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__),
                                                              "corpus_rsi")
    os.makedirs(out, exist_ok=True)
    for name, data in SEEDS.items():
        with open(os.path.join(out, name + ".bin"), "wb") as f:
            f.write(data)
    print(f"{len(SEEDS)} seeds in {out}")


if __name__ == "__main__":
    main()
