#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""docs/conformance.md's choices table equals `gen.py choices-md` output.

Usage: check_doc.py GEN_PY ABI_SPEC COND_SPEC DOC_MD
"""
import subprocess
import sys


def main():
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    gen, abi, cond, doc = sys.argv[1:5]
    want = subprocess.run([sys.executable, gen, "choices-md", abi, cond, "-"],
                          capture_output=True, text=True, check=True).stdout
    text = open(doc, encoding="utf-8").read()
    try:
        start = text.index("\n", text.index("<!-- choices:begin")) + 1
        end = text.index("<!-- choices:end -->")
    except ValueError:
        sys.exit(f"{doc}: choices markers missing")
    if text[start:end] != want:
        sys.exit(f"{doc}: choices table is stale; regenerate with "
                 f"gen.py choices-md {abi} {cond} -")
    print("docs/conformance.md choices table is up to date")


if __name__ == "__main__":
    main()
