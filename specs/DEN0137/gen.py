#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
"""Turns the DEN0137 1.0-rel0 extract (abi.spec) into C.

Usage: gen.py abi SPEC OUT_H
Output is stamped as generated; it is never edited by hand.
"""
import sys

STAMP = ("/* SPDX-License-Identifier: BSD-3-Clause */\n"
         "/* GENERATED from DEN0137 1.0-rel0 (specs/DEN0137/{src}) by gen.py."
         " Do not edit. */\n")


def parse(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            line = line.split("#", 1)[0].strip()
            if line:
                rows.append((n, line.split()))
    return rows


def c_ident(s):
    out = []
    for i, ch in enumerate(s):
        if ch.isupper() and i and (s[i - 1].islower() or s[i - 1].isdigit()):
            out.append("_")
        out.append(ch.upper())
    return "".join(out)


def gen_abi(spec, out):
    rows = parse(spec)
    lines = [STAMP.format(src=spec.split("/")[-1]),
             "#ifndef DEN0137_ABI_H", "#define DEN0137_ABI_H", ""]
    structs = {}
    for n, r in rows:
        kind = r[0]
        try:
            if kind == "fid":
                name, fid, n_in, n_out = r[1], int(r[2], 0), int(r[3]), int(r[4])
                lines.append(f"#define {name}_FID 0x{fid:08X}ULL")
                lines.append(f"#define {name}_NUM_IN {n_in}U")
                lines.append(f"#define {name}_NUM_OUT {n_out}U")
            elif kind == "status":
                lines.append(f"#define {r[2]} {int(r[3], 0)}U")
            elif kind == "enum":
                lines.append(f"#define {r[2]} 0x{int(r[3], 0):X}ULL")
            elif kind == "struct":
                structs[r[1]] = int(r[2], 0)
                lines.append(f"#define {c_ident(r[1])}_SIZE 0x{int(r[2], 0):X}U")
            elif kind == "field":
                st, name, off, size = r[1], r[2], int(r[3], 0), int(r[4], 0)
                count = int(r[5], 0) if len(r) > 5 else 1
                if st not in structs:
                    raise ValueError(f"field of unknown struct {st}")
                if off + size * count > structs[st]:
                    raise ValueError(f"{st}.{name} beyond the structure's size")
                p = f"{c_ident(st)}_{name.upper()}"
                lines.append(f"#define {p}_OFFSET 0x{off:X}U")
                lines.append(f"#define {p}_SIZE {size}U")
                if count > 1:
                    lines.append(f"#define {p}_COUNT {count}U")
            elif kind == "choice":
                lines.append(f"/* choice {r[1]}: {' '.join(r[2:])} */")
            else:
                raise ValueError(f"unknown line kind '{kind}'")
        except (IndexError, ValueError) as e:
            sys.exit(f"{spec}:{n}: {e}")
    lines += ["", "#endif /* DEN0137_ABI_H */", ""]
    with open(out, "w", encoding="utf-8") as f:
        f.write("\n".join(lines))


def main():
    if len(sys.argv) == 4 and sys.argv[1] == "abi":
        gen_abi(sys.argv[2], sys.argv[3])
    else:
        sys.exit("usage: gen.py abi SPEC OUT_H")


if __name__ == "__main__":
    main()
