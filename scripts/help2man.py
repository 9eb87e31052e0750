#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Writes the rmmsim(1) man page from the help texts of rmmsim itself.

Runs `RMMSIM --help` and `RMMSIM SUB --help` for every subcommand and puts
each text, verbatim, into its own section, so the page never says anything
--help does not (the exit-code table included: sim/src/cli/exit_codes.def).
"""
import argparse
import datetime
import subprocess
import sys

SUBCOMMANDS = ("run", "native", "conform")


def roff_escape(line):
    out = line.replace("\\", "\\e")
    if out.startswith((".", "'")):
        out = "\\&" + out
    return out


def help_text(exe, args):
    r = subprocess.run([exe] + args, capture_output=True, text=True, check=False)
    if r.returncode != 0:
        sys.exit(f"help2man.py: '{' '.join([exe] + args)}' exited {r.returncode}")
    return r.stdout


def verbatim(text):
    lines = [".nf"]
    lines += [roff_escape(line) for line in text.rstrip("\n").split("\n")]
    lines.append(".fi")
    return lines


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("rmmsim", help="the rmmsim executable")
    ap.add_argument("version", help="version for the page header")
    ap.add_argument("out", help="the man page to write (rmmsim.1)")
    a = ap.parse_args()
    date = datetime.date.today().isoformat()
    page = [
        f'.TH RMMSIM 1 "{date}" "rmmsim {a.version}" "User Commands"',
        ".SH NAME",
        "rmmsim \\- user-mode Arm CCA platform: RMM (DEN0137 1.0), GPT, EL3 dispatcher, simulator",
        ".SH SYNOPSIS",
        ".B rmmsim",
        "[\\fISUBCOMMAND\\fR] [\\fIOPTIONS\\fR]",
        ".SH DESCRIPTION",
    ]
    page += verbatim(help_text(a.rmmsim, ["--help"]))
    for sub in SUBCOMMANDS:
        page.append(f".SH rmmsim {sub.upper()}")
        page += verbatim(help_text(a.rmmsim, [sub, "--help"]))
    page += [".SH FILES",
             "Headers in include/rmmsim, SDKs in share/rmmsim/sdk, CMake package in",
             "lib/cmake/rmmsim, pkg-config module rmmsim (share/doc/rmmsim/sdk.md).",
             ".SH SEE ALSO", "rmmsim-verify-token --help, rmmsim-rim --help"]
    with open(a.out, "w", encoding="utf-8") as f:
        f.write("\n".join(page) + "\n")


if __name__ == "__main__":
    main()
