#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Runs the suite with --json and --junit and checks both reports parse and
list every condition of specs/DEN0137/conditions.spec (whatever the verdicts).

Usage: check_reports.py CONDITIONS_SPEC SUITE_BINARY WORK_DIR
"""
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from coverage import spec_items  # noqa: E402


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    spec, suite, work = sys.argv[1:4]
    os.makedirs(work, exist_ok=True)
    js, ju = os.path.join(work, "conform.json"), os.path.join(work, "conform.xml")
    r = subprocess.run([suite, "--quiet", "--json", js, "--junit", ju], check=False)
    if r.returncode not in (0, 4):
        sys.exit(f"suite exited {r.returncode}")
    want = set(spec_items(spec))
    errors = []
    with open(js, encoding="utf-8") as f:
        data = json.load(f)
    keys = {"command", "condition", "expected", "got", "result"}
    for row in data:
        if not keys <= row.keys() or row["result"] not in ("PASS", "FAIL", "SKIP"):
            errors.append(f"json: bad row {row}")
    got = {f"{row['command']}:{row['condition']}" for row in data}
    errors += [f"json: {w} missing" for w in sorted(want - got)]
    root = ET.parse(ju).getroot()
    xcases = set()
    for suite_el in root.iter("testsuite"):
        for tc in suite_el.iter("testcase"):
            if tc.get("classname") != suite_el.get("name"):
                errors.append(f"junit: {tc.get('name')} outside its command's testsuite")
            xcases.add(f"{suite_el.get('name')}:{tc.get('name')}")
            if tc.find("failure") is None and tc.find("skipped") is None:
                row = [d for d in data if d["command"] == suite_el.get("name")
                       and d["condition"] == tc.get("name")]
                if not row or row[0]["result"] != "PASS":
                    errors.append(f"junit/json disagree on {tc.get('name')}")
    errors += [f"junit: {w} missing" for w in sorted(want - xcases)]
    if len(xcases) != len(got):
        errors.append(f"junit has {len(xcases)} cases, json {len(got)}")
    for e in errors:
        print(e)
    print(f"reports: {len(data)} rows, {len(want)} conditions/pairs checked, {len(errors)} errors")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
