#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Coverage check: every condition and pair of specs/DEN0137/conditions.spec
(RMI and RSI commands) has a case in the suite (`conform_suite --list`), and
every case names a condition of the spec; every command of the spec has a
case (at least its success case). Known-skipped cases count as cases and
are reported.

Usage: coverage.py CONDITIONS_SPEC SUITE_BINARY [STAMP_FILE] [-- SUITE_ARGS...]
(SUITE_ARGS, e.g. `--rmi-abi 2.0`, are passed to the suite with --list.)
"""
import subprocess
import sys


def spec_commands(path):
    with open(path, encoding="utf-8") as f:
        return [r[1] for r in (line.split("#", 1)[0].split() for line in f)
                if len(r) > 1 and r[0] == "command"]


def spec_items(path):
    items, cmd = [], None
    with open(path, encoding="utf-8") as f:
        for line in f:
            r = line.split("#", 1)[0].split()
            if not r:
                continue
            if r[0] == "command":
                cmd = r[1]
            elif r[0] == "cond":
                items.append(f"{cmd}:{r[1]}")
            elif r[0] == "pair":
                items.append(f"{cmd}:pair:{r[1]}>{r[2]}")
    return items


def main():
    args, extra = sys.argv, []
    if "--" in args:
        extra = args[args.index("--") + 1:]
        args = args[:args.index("--")]
    if len(args) not in (3, 4):
        sys.exit(__doc__)
    sys.argv = args
    want = spec_items(sys.argv[1])
    out = subprocess.run([sys.argv[2], "--list"] + extra, capture_output=True, text=True,
                         check=False)
    cases, skipped = set(), []
    for line in out.stdout.splitlines():
        parts = line.split(":SKIP:", 1)
        cases.add(parts[0])
        if len(parts) == 2:
            skipped.append(f"{parts[0]} ({parts[1]})")
    missing = [w for w in want if w not in cases]
    commands = spec_commands(sys.argv[1])
    missing += [f"{c} (any case)" for c in commands
                if not any(k.startswith(c + ":") for k in cases)]
    known = set(want)
    extra = [c for c in sorted(cases) if c not in known and not c.endswith(":success")]
    for m in missing:
        print(f"coverage: no case for {m}")
    for e in extra:
        print(f"coverage: case {e} is not in the spec")
    per_iface = {i: sum(1 for w in want if w.startswith(i + "_")) for i in ("RMI", "RSI")}
    print(f"coverage: {len(commands)} commands, {len(want)} conditions/pairs "
          f"(RMI {per_iface['RMI']}, RSI {per_iface['RSI']}), "
          f"{len(want) - len(missing)} with a case, {len(skipped)} known-skipped:")
    for s in skipped:
        print(f"  SKIP {s}")
    if missing or extra or out.returncode not in (0, 1):
        sys.exit(1)
    if len(sys.argv) == 4:
        with open(sys.argv[3], "w", encoding="utf-8") as f:
            f.write("ok\n")


if __name__ == "__main__":
    main()
