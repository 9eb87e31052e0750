#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Checks a Chrome trace of the default scenario for the realm world.

Usage: check_realm_trace.py TRACE_JSON STATS_OUT
Exit 0 when the trace has realm slices (tid 3) with instructions, the RSI
calls the demo realm makes, REC exits with their reasons, slices ordered in
time, and the --stats output counts realm instructions; 1 otherwise.
"""
import json
import re
import sys


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    with open(sys.argv[1], encoding="utf-8") as f:
        events = json.load(f)["traceEvents"]
    realm = [e for e in events if e.get("cat") == "realm"]
    slices = [e for e in realm if e["ph"] == "X"]
    names = {e["name"] for e in realm}
    problems = []
    if not slices or any(e["tid"] != 3 or e["args"]["insns"] <= 0 for e in slices):
        problems.append("no realm time slices with instructions on tid 3")
    for want in ("RSI_VERSION", "RSI_REALM_CONFIG", "RSI_MEASUREMENT_READ",
                 "RSI_MEASUREMENT_EXTEND", "RSI_ATTESTATION_TOKEN_INIT",
                 "RSI_ATTESTATION_TOKEN_CONTINUE", "RSI_HOST_CALL", "PSCI",
                 "REC exit HOST_CALL", "REC exit PSCI"):
        if want not in names:
            problems.append("no '%s' event" % want)
    ts = [e["ts"] for e in events if "ts" in e]
    if ts != sorted(ts):
        problems.append("events are not in time order")
    with open(sys.argv[2], encoding="utf-8") as f:
        stats = f.read()
    m = re.search(r"realm instructions\s+(\d+)", stats)
    if not m or int(m.group(1)) == 0:
        problems.append("--stats reports no realm instructions")
    if not re.search(r"realm R-EL1\s+[1-9]", stats):
        problems.append("--stats reports no realm cycles")
    for p in problems:
        print("check_realm_trace: " + p, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
