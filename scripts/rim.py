#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Computes a realm's RIM from a log of the host's RMI calls.

This is the second, independent hashing path used by the Linux host
sequence test (tests/unit/linux_seq): it shares no code with the RMM
(rmm/src/measurement.c) and follows only the fact sheet,
/work/shared/den0137/commands.md section "Measurement" and
structures.md section 9.

Input (JSON on stdin or in the file named by the first argument):
  {
    "realm_params": {"flags": 0, "s2sz": 40, "sve_vl": 0, "num_bps": 2,
                     "num_wps": 2, "pmu_num_ctrs": 0, "hash_algo": 0},
    "events": [
      {"op": "ripas", "base": N, "top": N, "entry_size": N},
      {"op": "data", "ipa": N, "flags": 0|1, "content": "<8192 hex digits>"},
      {"op": "rec", "flags": 0|1, "pc": N, "gprs": [N x 8]}
    ]
  }
Events are in the order the RMM executed them (successful calls only).
Output: the RIM as lowercase hex (hash-size bytes), one line.
"""

import argparse
import hashlib
import json
import struct
import sys

GRANULE = 4096
DESC_SIZE = 0x100
MEAS_SIZE = 64

DESC_TYPE_DATA = 0
DESC_TYPE_REC = 1
DESC_TYPE_RIPAS = 2

MEASURE_CONTENT = 1
REC_RUNNABLE = 1

# RmiRealmParams: the measured fields and their offsets (structures.md 1).
# They are written as 64-bit little-endian slots, as the Linux host's
# struct realm_params does; the spec's narrower fields give the same bytes
# for values that fit (commands.md, REALM_CREATE: initial RIM).
REALM_PARAMS_MEASURED = (
    ("flags", 0x000),
    ("s2sz", 0x008),
    ("sve_vl", 0x010),
    ("num_bps", 0x018),
    ("num_wps", 0x020),
    ("pmu_num_ctrs", 0x028),
    ("hash_algo", 0x030),
)

# RmiRecParams measured fields (commands.md, REC_CREATE).
REC_PARAMS_FLAGS = 0x000
REC_PARAMS_PC = 0x200
REC_PARAMS_GPRS = 0x300


class Rim:
    def __init__(self, hash_algo):
        if hash_algo == 0:
            self.algo = "sha256"
        elif hash_algo == 1:
            self.algo = "sha512"
        else:
            raise ValueError("hash_algo %d is not SHA-256 (0) or SHA-512 (1)" % hash_algo)
        self.size = hashlib.new(self.algo).digest_size
        self.value = bytes(self.size)

    def hash(self, data):
        return hashlib.new(self.algo, data).digest()

    def padded(self, digest):
        return digest + bytes(MEAS_SIZE - len(digest))

    def new_desc(self, desc_type):
        desc = bytearray(DESC_SIZE)
        desc[0] = desc_type
        struct.pack_into("<Q", desc, 0x08, DESC_SIZE)
        desc[0x10:0x10 + MEAS_SIZE] = self.padded(self.value)
        return desc

    def realm_create(self, params):
        image = bytearray(GRANULE)
        for name, off in REALM_PARAMS_MEASURED:
            struct.pack_into("<Q", image, off, int(params.get(name, 0)))
        self.value = self.hash(bytes(image))

    def data(self, ipa, flags, content):
        desc = self.new_desc(DESC_TYPE_DATA)
        struct.pack_into("<QQ", desc, 0x50, ipa, flags)
        if flags == MEASURE_CONTENT:
            if len(content) != GRANULE:
                raise ValueError("DATA content at ipa %#x is %d bytes" % (ipa, len(content)))
            desc[0x60:0x60 + MEAS_SIZE] = self.padded(self.hash(content))
        self.value = self.hash(bytes(desc))

    def rec(self, flags, pc, gprs):
        if not flags & REC_RUNNABLE:
            return  # a NOT_RUNNABLE REC is not measured (commands.md REC_CREATE 4)
        image = bytearray(GRANULE)
        struct.pack_into("<Q", image, REC_PARAMS_FLAGS, flags)
        struct.pack_into("<Q", image, REC_PARAMS_PC, pc)
        for i, reg in enumerate(gprs[:8]):
            struct.pack_into("<Q", image, REC_PARAMS_GPRS + 8 * i, reg)
        desc = self.new_desc(DESC_TYPE_REC)
        desc[0x50:0x50 + MEAS_SIZE] = self.padded(self.hash(bytes(image)))
        self.value = self.hash(bytes(desc))

    def ripas(self, base, top, entry_size):
        # One descriptor per RTT entry processed (commands.md, RTT_INIT_RIPAS).
        if entry_size <= 0 or base % entry_size or (top - base) % entry_size:
            raise ValueError("RIPAS range [%#x, %#x) not in %#x entries" % (base, top, entry_size))
        for addr in range(base, top, entry_size):
            desc = self.new_desc(DESC_TYPE_RIPAS)
            struct.pack_into("<QQ", desc, 0x50, addr, addr + entry_size)
            self.value = self.hash(bytes(desc))


def compute(log):
    params = log["realm_params"]
    rim = Rim(int(params.get("hash_algo", 0)))
    rim.realm_create(params)
    for ev in log.get("events", []):
        op = ev["op"]
        if op == "data":
            rim.data(int(ev["ipa"]), int(ev["flags"]), bytes.fromhex(ev.get("content", "")))
        elif op == "rec":
            rim.rec(int(ev["flags"]), int(ev["pc"]), [int(g) for g in ev["gprs"]])
        elif op == "ripas":
            rim.ripas(int(ev["base"]), int(ev["top"]), int(ev["entry_size"]))
        else:
            raise ValueError("unknown event %r" % op)
    return rim.value


def main(argv):
    p = argparse.ArgumentParser(prog="rmmsim-rim" if argv[0].endswith("rmmsim-rim") else None,
                                description=__doc__.splitlines()[0],
                                epilog="Input format: see the module text (%(prog)s --help).",
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.description = __doc__
    p.add_argument("log", nargs="?", help="JSON log of the host's RMI calls (default: stdin)")
    args = p.parse_args(argv[1:])
    if args.log:
        with open(args.log, "r", encoding="ascii") as f:
            log = json.load(f)
    else:
        log = json.load(sys.stdin)
    print(compute(log).hex())
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
