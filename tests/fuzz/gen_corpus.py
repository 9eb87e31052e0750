#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Writes the seed corpus of fuzz_rmi (tests/fuzz/corpus/*.bin).

Each seed is a scenario in the harness's input encoding (fz_exec.c,
fz_macro.c, fz_pick.c): one opcode byte, then the bytes the opcode's
decoder reads. The scenarios mirror the conformance suite and the demo:
realm lifecycle, RTT build-down, DATA create/destroy, fold, REC create and
enter, RIPAS, unprotected mappings, and failures of every kind.

    tests/fuzz/gen_corpus.py [OUTDIR]      (default: tests/fuzz/corpus)

Keep the opcode numbers in sync with fz_exec.c (rmi_fids[] and enum
fz_macro_op); fuzz_rmi_reproduce prints what a seed decodes to.
"""
import os
import struct
import sys

# Direct RMI opcodes (index in rmi_fids[]).
VERSION, DELEGATE, UNDELEGATE, DATA_CREATE, DATA_CREATE_UNKNOWN, DATA_DESTROY = range(6)
REALM_ACTIVATE, REALM_CREATE, REALM_DESTROY, REC_CREATE, REC_DESTROY, REC_ENTER = range(6, 12)
RTT_CREATE, RTT_DESTROY, MAP_UNPROT, READ_ENTRY, UNMAP_UNPROT, PSCI_COMPLETE = range(12, 18)
FEATURES, RTT_FOLD, REC_AUX_COUNT, INIT_RIPAS, SET_RIPAS = range(18, 23)
# Raw-FID escape and macros.
RAW, M_REALM, M_RTTS, M_DATA, M_REC, M_ACTIVATE, M_ENTER, M_INIT_RIPAS = range(23, 31)
M_TEARDOWN, M_MAP_NS, M_WRITE_NS = range(31, 34)

# fz_pick_addr selectors (sel % 10).
PICK_TRACKED, PICK_POOL, PICK_DELEGATED, PICK_UNALIGNED, PICK_SPECIAL, PICK_NS, PICK_RAW = (
    0, 3, 5, 6, 7, 8, 9)


def u64(v):
    return struct.pack("<Q", v & (2**64 - 1))


def rd(realm=0):
    """fz_pick_rd -> the RD of tracked realm `realm`."""
    return bytes([PICK_TRACKED, 0, realm])


def realm(geometry=0, hash_sha512=False, vmid=1, bps=1, wps=1, perturb=None):
    """M_REALM: geometry index into fz_macro.c geometries[], optional field overwrite."""
    sel = geometry | (0x10 if hash_sha512 else 0)
    if perturb is None:
        return bytes([M_REALM, sel, 0, bps - 1, wps - 1, vmid])
    field, value = perturb
    # The field is perturb % 11 among perturb values with the top three bits set.
    sel_p = next(b for b in range(0xE0, 0x100) if b % 11 == field)
    return bytes([M_REALM, sel, sel_p, bps - 1, wps - 1, vmid]) + u64(value)


def rtts(realm_idx=0, page=0, prot=True):
    """M_RTTS: RTTs down to level 3 at IPA page*4K (pick_ipa case 5)."""
    return bytes([M_RTTS, realm_idx, 0 if prot else 250, 5, page])


def data(realm_idx=0, block=0, page=0, unknown=False, measure=False):
    sel = (block & 3) | (0x80 if unknown else 0) | (0x10 if measure else 0)
    return bytes([M_DATA, realm_idx, sel, page])


def rec(realm_idx=0, runnable=True, bad_index=False, bad_aux=False, pc=0x40):
    sel = (0 if runnable else 0x80) | (0x40 if bad_index else 0) | (0x20 if bad_aux else 0)
    return bytes([M_REC, realm_idx, sel, pc])


def activate(realm_idx=0):
    return bytes([M_ACTIVATE, realm_idx])


def enter(rec_idx=0, gic=None):
    if gic is None:
        return bytes([M_ENTER, rec_idx, 0])
    flags, hcr, lr = gic
    return bytes([M_ENTER, rec_idx, 0xC0, flags]) + u64(hcr) + u64(lr)


def init_ripas(realm_idx=0, page=0, pages=16):
    return bytes([M_INIT_RIPAS, realm_idx, 5, page, pages - 1])


def teardown(realm_idx=0, undelegate=True):
    return bytes([M_TEARDOWN, realm_idx, 1 if undelegate else 0])


def map_ns(realm_idx=0, k=0, level2=False, attrs=0x31):
    return bytes([M_MAP_NS, realm_idx, (0x80 if level2 else 0) | attrs, k])


def read_entry(realm_idx=0, page=0, level_sel=0, prot=True):
    """RTT_READ_ENTRY at page*size(level): level_sel 0 -> 3, 2 -> 2, 4 -> sl."""
    return bytes([READ_ENTRY]) + rd(realm_idx) + bytes([level_sel, 0 if prot else 200, 5, page])


def rtt_fold(realm_idx=0, block=0):
    """RTT_FOLD of the level-3 RTT at block*2MiB."""
    return bytes([RTT_FOLD]) + rd(realm_idx) + bytes([0, 0, 5, block])


def rtt_destroy(realm_idx=0, block=0, level_sel=0):
    return bytes([RTT_DESTROY]) + rd(realm_idx) + bytes([level_sel, 0, 5, block])


def data_destroy(realm_idx=0, page=0):
    return bytes([DATA_DESTROY]) + rd(realm_idx) + bytes([5, page])


def delegate(sel, *extra):
    return bytes([DELEGATE, sel] + list(extra))


def raw(fnum, *args):
    a = list(args) + [0] * (5 - len(args))
    return bytes([RAW, fnum % 0x40]) + b"".join(u64(x) for x in a[:5])


SEEDS = {
    # Lifecycles (conformance suite and demo)
    "lifecycle_full": realm() + rtts() + data(page=0) + data(page=1, measure=True) +
    init_ripas(page=4) + rec() + rec() + activate() + enter() + enter(1) + teardown(),
    "lifecycle_sha512": realm(hash_sha512=True, vmid=7) + rtts() + data() + rec() + activate() +
    enter() + teardown(),
    "lifecycle_no_data": realm() + rec() + activate() + enter() + teardown(),
    "realm_create_destroy": realm() + bytes([REALM_DESTROY]) + rd(),
    "realm_activate_twice": realm() + activate() + activate(),
    "two_realms": realm(vmid=1) + realm(geometry=4, vmid=2) + rtts(1) + rec(1) + activate(1) +
    enter(0) + activate(0),
    "four_realms": realm(0, vmid=1) + realm(1, vmid=2) + realm(2, vmid=3) + realm(3, vmid=4) +
    activate(0) + activate(1) + activate(2) + activate(3),
    "vmid_clash": realm(vmid=5) + realm(vmid=5),
    # Geometries (states.md §5)
    "geom_sl0_40": realm(geometry=4) + rtts() + data() + read_entry(level_sel=0),
    "geom_sl1_concat2": realm(geometry=5) + rtts() + data(),
    "geom_sl1_concat8": realm(geometry=6) + rtts(page=9),
    "geom_sl0_48": realm(geometry=8) + rtts() + read_entry(level_sel=4),
    "geom_sl2_concat4": realm(geometry=9) + rtts() + data(),
    "geom_sl2_concat16": realm(geometry=10) + rtts() + data(),
    "geom_invalid": realm(geometry=12) + realm(geometry=13),
    # RTTs
    "rtt_build_down": realm() + rtts(page=0) + data(block=2) + read_entry(page=0) +
    read_entry(page=1, level_sel=2),
    "rtt_destroy_live": realm() + rtts() + data() + rtt_destroy() + data_destroy() + rtt_destroy(),
    "rtt_fold_unassigned": realm() + rtts() + rtt_fold() + read_entry(level_sel=2),
    "rtt_unprotected": realm() + rtts(prot=False) + map_ns() + map_ns(k=1) +
    bytes([UNMAP_UNPROT]) + rd() + bytes([0, 200, 4, 0]),
    "map_ns_block": realm() + map_ns(level2=True) + map_ns(level2=True, k=1, attrs=0x10),
    # DATA
    "data_create_destroy": realm() + rtts() + data(page=3) + data_destroy(page=3) +
    data(page=3, unknown=True),
    "data_after_activate": realm() + rtts() + rec() + activate() + data() + data(unknown=True),
    "data_no_rtt": realm() + bytes([DATA_CREATE_UNKNOWN]) + rd() + bytes([PICK_DELEGATED, 0, 5, 0]),
    # RECs
    "rec_bad_index": realm() + rec(bad_index=True) + rec(),
    "rec_bad_aux": realm() + rec(bad_aux=True),
    "rec_not_runnable": realm() + rec(runnable=False) + activate() + enter(),
    "rec_enter_new_realm": realm() + rec() + enter(),
    "rec_enter_bad_gic": realm() + rec() + activate() + enter(gic=(0, 1 << 20, 0)) +
    enter(gic=(1, 0, 3 << 62)),
    "rec_destroy_then_realm": realm() + rec() + bytes([REC_DESTROY, 0]) + bytes([REALM_DESTROY]) + rd(),
    "psci_complete": realm() + rec() + rec() + bytes([PSCI_COMPLETE, 0, 1, 0, 0]),
    "set_ripas": realm() + rtts() + rec() + activate() + bytes([SET_RIPAS]) + rd() + bytes([0, 5, 0, 4]),
    # Failures
    "delegate_edges": b"".join(delegate(PICK_SPECIAL, i) for i in range(12)) +
    delegate(PICK_UNALIGNED, 1, 7) + delegate(PICK_NS, 2) + bytes([UNDELEGATE, PICK_NS, 2]),
    "undelegate_edges": delegate(PICK_POOL, 5) + bytes([UNDELEGATE, PICK_POOL, 5]) +
    bytes([UNDELEGATE, PICK_POOL, 5]) + bytes([UNDELEGATE, PICK_SPECIAL, 3]),
    "realm_params_bad": realm(perturb=(1, 60)) + realm(perturb=(6, 2)) + realm(perturb=(3, 0)) +
    realm(perturb=(10, 3)) + realm(perturb=(8, 0x80001001)),
    "realm_params_delegated": delegate(PICK_NS, 0) + realm(),
    "version_features": bytes([VERSION, 0, FEATURES, 0, FEATURES, 200]) + u64(1) +
    bytes([VERSION, 200]) + u64(0x20000),
    "raw_fids": raw(0x06) + raw(0x10) + raw(0x13) + raw(0x1A) + raw(0x3F) + raw(0x00, 0x10000),
    "write_ns_then_create": bytes([M_WRITE_NS, 0, 0x08, 0, 40, 0, 0, 0, 0, 0, 0, 0]) +
    bytes([REALM_CREATE, PICK_DELEGATED, 0, 0]),
    "read_entry_edges": realm() + read_entry(level_sel=6) + read_entry(level_sel=5) +
    read_entry(page=255, prot=False),
    "init_ripas_after_activate": realm() + rtts() + activate() + init_ripas(),
    "init_ripas_range": realm() + init_ripas(pages=64) + rtts() + init_ripas(page=2, pages=8),
}


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "corpus")
    os.makedirs(out, exist_ok=True)
    total = 0
    for name, blob in sorted(SEEDS.items()):
        with open(os.path.join(out, name + ".bin"), "wb") as f:
            f.write(blob)
        total += len(blob)
    print(f"{len(SEEDS)} seeds, {total} bytes in {out}")


if __name__ == "__main__":
    main()
