#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""docs/conformance.md's choices table equals `gen.py choices-md` output.

Usage: check_doc.py GEN_PY ABI_SPEC COND_SPEC DOC_MD [MARKER]
MARKER names the table's markers (default "choices": <!-- choices:begin ... -->;
"choices2" for the RMI 2.0 table).
"""
import subprocess
import sys


def main():
    if len(sys.argv) not in (5, 6):
        sys.exit(__doc__)
    gen, abi, cond, doc = sys.argv[1:5]
    mark = sys.argv[5] if len(sys.argv) == 6 else "choices"
    want = subprocess.run([sys.executable, gen, "choices-md", abi, cond, "-"],
                          capture_output=True, text=True, check=True).stdout
    text = open(doc, encoding="utf-8").read()
    try:
        start = text.index("\n", text.index(f"<!-- {mark}:begin")) + 1
        end = text.index(f"<!-- {mark}:end -->")
    except ValueError:
        sys.exit(f"{doc}: choices markers missing")
    if text[start:end] != want:
        sys.exit(f"{doc}: choices table is stale; regenerate with "
                 f"gen.py choices-md {abi} {cond} -")
    print(f"{doc} {mark} table is up to date")


if __name__ == "__main__":
    main()
