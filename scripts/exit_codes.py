#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""rmmsim's exit-code table: sim/src/cli/exit_codes.def -> docs/exit-codes.md.

--write regenerates the table of docs/exit-codes.md (between its
<!-- exit-codes:begin/end --> markers); --check fails when the file differs
from what --write would make; --rmmsim EXE also checks that `EXE --help`
and `EXE run --help` print every code with its short meaning.
"""
import argparse
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEF = os.path.join(ROOT, "sim", "src", "cli", "exit_codes.def")
DOC = os.path.join(ROOT, "docs", "exit-codes.md")
BEGIN = "<!-- exit-codes:begin (generated from sim/src/cli/exit_codes.def) -->"
END = "<!-- exit-codes:end -->"
ROW = re.compile(r'RMMSIM_EXIT\(\s*(\w+)\s*,\s*(\d+)\s*,\s*"((?:[^"\\]|\\.)*)"\s*,\s*'
                 r'"((?:[^"\\]|\\.)*)"\s*,\s*"((?:[^"\\]|\\.)*)"\s*\)', re.S)


def rows(def_path=DEF):
    text = open(def_path, encoding="utf-8").read()
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    out = [(m.group(1), int(m.group(2)), m.group(3), m.group(4), m.group(5))
           for m in ROW.finditer(text)]
    if not out:
        sys.exit(f"exit_codes.py: no RMMSIM_EXIT rows in {def_path}")
    return out


def table(rs):
    lines = [BEGIN, "| code | meaning | returned by |", "| --- | --- | --- |"]
    lines += [f"| {code} | {meaning} | {by} |" for _, code, _, meaning, by in rs]
    lines.append(END)
    return "\n".join(lines)


def render(doc_text, rs):
    if BEGIN not in doc_text or END not in doc_text:
        sys.exit(f"exit_codes.py: {DOC} lacks the markers {BEGIN} / {END}")
    head = doc_text[:doc_text.index(BEGIN)]
    tail = doc_text[doc_text.index(END) + len(END):]
    return head + table(rs) + tail


def check_help(exe, rs):
    bad = 0
    for args in (["--help"], ["run", "--help"]):
        r = subprocess.run([exe] + args, capture_output=True, text=True, check=False)
        for _, code, brief, _, _ in rs:
            if not re.search(rf"^\s*{code}\s+{re.escape(brief)}$", r.stdout, re.M):
                print(f"exit_codes.py: '{' '.join(args)}' does not list {code} {brief}")
                bad += 1
    return bad


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--write", action="store_true", help="regenerate docs/exit-codes.md")
    ap.add_argument("--check", action="store_true", help="fail if docs/exit-codes.md differs")
    ap.add_argument("--rmmsim", metavar="EXE", help="also check EXE's --help texts")
    a = ap.parse_args()
    rs = rows()
    doc = open(DOC, encoding="utf-8").read()
    want = render(doc, rs)
    bad = 0
    if a.write and want != doc:
        with open(DOC, "w", encoding="utf-8") as f:
            f.write(want)
    elif a.check and want != doc:
        print(f"exit_codes.py: {DOC} differs from {DEF}: run scripts/exit_codes.py --write")
        bad += 1
    if a.rmmsim:
        bad += check_help(a.rmmsim, rs)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
