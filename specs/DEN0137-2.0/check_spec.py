#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Cross-checks specs/DEN0137-2.0 against the fact sheet it was written from:
every command row of abi.md §3 (name, fnum) and every status row of abi.md §6
is in abi.spec with the same value, every command of conditions.spec is a
fid of abi.spec, and every `cond` line of a 2.0-specific command names its
source. Exit 77 (skipped) when the sheet directory is absent.

Usage: check_spec.py ABI_SPEC COND_SPEC SHEET_DIR
"""
import os
import re
import sys


def spec_rows(path):
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            r = raw.split("#", 1)[0].split()
            if r:
                yield n, r, raw


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    abi, cond, sheet = sys.argv[1:]
    md = os.path.join(sheet, "abi.md")
    if not os.path.exists(md):
        print(f"check_spec: {md} not found, skipped")
        sys.exit(77)
    fids = {r[1]: int(r[2], 0) for _, r, _ in spec_rows(abi) if r[0] == "fid"}
    status = {r[2]: int(r[3], 0) for _, r, _ in spec_rows(abi) if r[0] == "status"}
    errors = []
    with open(md, encoding="utf-8") as f:
        text = f.read()
    # "| RMI_VERSION | 0x150 / 0xC4000150 |" or "| RMI_REALM_ACTIVATE | 0x157 |"
    rows = re.findall(r"^\| (RMI_[A-Z0-9_]+) \| (0x[0-9A-Fa-f]+)", text, re.M)
    for name, fnum in rows:
        want = 0xC4000000 | int(fnum, 16)
        if fids.get(name) != want:
            errors.append(f"{name}: abi.md says 0x{want:08X}, abi.spec {fids.get(name)}")
    for val, name in re.findall(r"^\| (\d+) \| (RMI_[A-Z_]+) \|", text, re.M):
        if status.get(name) != int(val):
            errors.append(f"{name}: abi.md says {val}, abi.spec {status.get(name)}")
    inherited = ("RMI_RTT_CREATE", "RMI_RTT_DESTROY", "RMI_RTT_READ_ENTRY", "RMI_RTT_FOLD",
                 "RMI_RTT_SET_RIPAS")
    cmd = None
    for n, r, raw in spec_rows(cond):
        if r[0] == "command":
            cmd = r[1]
            if cmd not in fids:
                errors.append(f"{cond}:{n}: {cmd} is not a fid of abi.spec")
        elif r[0] == "cond" and cmd not in inherited and "#" not in raw:
            errors.append(f"{cond}:{n}: {cmd} {r[1]} has no source comment")
    for e in errors:
        print(f"check_spec: {e}")
    print(f"check_spec: {len(rows)} commands and the RMI status codes checked, "
          f"{len(errors)} errors")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
